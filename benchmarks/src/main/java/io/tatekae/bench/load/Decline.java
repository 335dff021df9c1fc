package io.tatekae.bench.load;

/** Each kind of decline the mix can send, with the DE 39 the profile (§7) and the issuer policy give it. */
enum Decline {
    UNKNOWN_CARD("14"),
    LUHN_FAILURE("14"),
    EXPIRY_MISMATCH("54"),
    EXPIRED_CARD("54"),
    CAV2_MISMATCH("N7"),
    CAV2_MISSING("05"),
    NAME_MISMATCH("05"),
    BLOCKED_MCC("57"),
    BLOCKED_MERCHANT_NAME("57"),
    RECURRING("57"),
    CARD_PRESENT("57"),
    FOREIGN_CURRENCY("57"),
    FOREIGN_ACQUIRER("62"),
    CARD_NOT_ACTIVE("62"),
    DELINQUENT_ACCOUNT("05"),
    OVER_CREDIT("51"),
    OVER_TRANSACTION_LIMIT("61"),
    NO_3DS("1A"),
    ZERO_AMOUNT("13"),
    UNSUPPORTED_TYPE("12"),
    VELOCITY("65"),
    REVERSAL_NOT_FOUND("25");

    final String code;

    Decline(String code) {
        this.code = code;
    }
}
