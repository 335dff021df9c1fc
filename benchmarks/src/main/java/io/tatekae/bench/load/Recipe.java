package io.tatekae.bench.load;

import java.util.TreeMap;

/**
 * Each kind of request the tester sends on a card of the cycle, as the data elements it carries
 * (the slow, obvious way, used to build templates and to check them) and which of them depend on the
 * card: those {@link RequestTemplates} patches into a copy of the template for every request.
 */
enum Recipe {
    APPROVAL("0100", null),
    ADVICE("0120", null),
    BALANCE("0100", null),
    REVERSAL("0400", null),
    REVERSAL_ADVICE("0420", null),
    LUHN_FAILURE("0100", Decline.LUHN_FAILURE),
    EXPIRY_MISMATCH("0100", Decline.EXPIRY_MISMATCH),
    CAV2_MISMATCH("0100", Decline.CAV2_MISMATCH),
    CAV2_MISSING("0100", Decline.CAV2_MISSING),
    NAME_MISMATCH("0100", Decline.NAME_MISMATCH),
    BLOCKED_MCC("0100", Decline.BLOCKED_MCC),
    BLOCKED_MERCHANT_NAME("0100", Decline.BLOCKED_MERCHANT_NAME),
    RECURRING("0100", Decline.RECURRING),
    CARD_PRESENT("0100", Decline.CARD_PRESENT),
    FOREIGN_CURRENCY("0100", Decline.FOREIGN_CURRENCY),
    FOREIGN_ACQUIRER("0100", Decline.FOREIGN_ACQUIRER),
    OVER_TRANSACTION_LIMIT("0100", Decline.OVER_TRANSACTION_LIMIT),
    NO_3DS("0100", Decline.NO_3DS),
    ZERO_AMOUNT("0100", Decline.ZERO_AMOUNT),
    UNSUPPORTED_TYPE("0100", Decline.UNSUPPORTED_TYPE),
    REVERSAL_NOT_FOUND("0400", Decline.REVERSAL_NOT_FOUND);

    static final String ACQUIRER = "123456";
    static final long ACQUIRER_ID = 123456L;
    /** The amount of a decline whose amount is not what it is about. */
    static final long DECLINE_AMOUNT = 500;
    static final String NAME_TYPED_WRONG = "XAVIER QUINN";

    final String mti;
    /** The decline this recipe provokes, or null. */
    final Decline decline;

    Recipe(String mti, Decline decline) {
        this.mti = mti;
        this.decline = decline;
    }

    /** The recipe of a per-card decline, or null when the decline needs a card of its own. */
    static Recipe of(Decline d) {
        for (Recipe r : values()) {
            if (r.decline == d) {
                return r;
            }
        }
        return null;
    }

    boolean reversal() {
        return this == REVERSAL || this == REVERSAL_ADVICE || this == REVERSAL_NOT_FOUND;
    }

    /** The card's amount (patched per card) rather than a fixed one. */
    boolean cardAmount() {
        return this == APPROVAL || this == ADVICE || this == REVERSAL || this == REVERSAL_ADVICE;
    }

    /** DE 48 carries the card's own name (patched) rather than none or a fixed one. */
    boolean cardName() {
        return !reversal() && this != NAME_MISMATCH;
    }

    /** DE 48 carries a CAV2 (the card's, or the card's plus one for a mismatch). */
    boolean hasCav2() {
        return !reversal() && this != CAV2_MISSING;
    }

    /**
     * The data elements of this request on card {@code c} (number {@code index} in the pool) with DE 7
     * and DE 11 zero; for reversals DE 90 names original MTI {@code originalMti}, STAN and DE 7 zero.
     */
    TreeMap<Integer, String> fields(LoadCard c, int index, String originalMti) {
        if (reversal()) {
            long amount = this == REVERSAL_NOT_FOUND ? DECLINE_AMOUNT : Workload.amountOf(index);
            return reversalFields(c, amount, this == REVERSAL_NOT_FOUND ? "0100" : originalMti);
        }
        long amount = switch (this) {
            case APPROVAL, ADVICE -> Workload.amountOf(index);
            case BALANCE, ZERO_AMOUNT -> 0;
            case OVER_TRANSACTION_LIMIT -> 60_000;
            default -> DECLINE_AMOUNT;
        };
        TreeMap<Integer, String> m = purchase(c, amount);
        switch (this) {
            case ADVICE -> {
                m.put(38, "ADV" + String.format("%03d", index % 1000));
                m.put(39, "00");
            }
            case BALANCE -> m.put(3, "300000");
            case LUHN_FAILURE -> m.put(2, brokenLuhn(c.pan()));
            case EXPIRY_MISMATCH -> m.put(14, otherExpiry(c.expiry()));
            case CAV2_MISMATCH -> m.put(48, tlv(c.name(), "05", String.format("%03d", otherCav2(c.cav2()))).text());
            case CAV2_MISSING -> m.put(48, tlv(c.name(), "05", null).text());
            case NAME_MISMATCH -> m.put(48, tlv(NAME_TYPED_WRONG, "05", c.cav2()).text());
            case BLOCKED_MCC -> m.put(18, "6540");
            case BLOCKED_MERCHANT_NAME -> m.put(43, "PREPAID GIFT CARD SHOP   TOKYO        JP");
            case RECURRING -> m.put(61, "0004000000000392");
            case CARD_PRESENT -> m.put(22, "051");
            case FOREIGN_CURRENCY -> m.put(49, "840");
            case FOREIGN_ACQUIRER -> m.put(19, "840");
            case NO_3DS -> m.put(48, tlv(c.name(), "07", c.cav2()).text());
            case UNSUPPORTED_TYPE -> m.put(3, "010000");
            default -> {
            }
        }
        return m;
    }

    /** Where the name and the CAV2 start inside DE 48 of this recipe on a card named {@code name}. */
    Tlv tlvOf(LoadCard c) {
        return switch (this) {
            case CAV2_MISSING -> tlv(c.name(), "05", null);
            case NAME_MISMATCH -> tlv(NAME_TYPED_WRONG, "05", c.cav2());
            case NO_3DS -> tlv(c.name(), "07", c.cav2());
            default -> tlv(c.name(), "05", c.cav2());
        };
    }

    static TreeMap<Integer, String> purchase(LoadCard c, long amount) {
        TreeMap<Integer, String> m = fieldsOfEveryRequest(c, amount);
        m.put(14, c.expiry());
        m.put(18, "5732");
        m.put(19, "392");
        m.put(22, "810");
        m.put(25, "59");
        m.put(37, "LOADTEST0001");
        m.put(41, "TERM0001");
        m.put(43, "TATEKAE DENKI ONLINE     TOKYO        JP");
        m.put(48, tlv(c.name(), "05", c.cav2()).text());
        m.put(61, "0005000000000392");
        return m;
    }

    static TreeMap<Integer, String> reversalFields(LoadCard c, long amount, String originalMti) {
        TreeMap<Integer, String> m = fieldsOfEveryRequest(c, amount);
        m.put(37, "LOADREVERSAL");
        m.put(90, originalMti + String.format("%06d%010d%011d%011d", 0, 0, ACQUIRER_ID, 0));
        return m;
    }

    /** The data elements a purchase and a reversal carry alike: card, amount, acquirer, merchant, yen; DE 7 and DE 11 zero. */
    private static TreeMap<Integer, String> fieldsOfEveryRequest(LoadCard c, long amount) {
        TreeMap<Integer, String> m = new TreeMap<>();
        m.put(2, c.pan());
        m.put(3, "000000");
        m.put(4, Long.toString(amount));
        m.put(7, "0");
        m.put(11, "0");
        m.put(32, ACQUIRER);
        m.put(42, "MERCHANT0000001");
        m.put(49, "392");
        return m;
    }

    /** DE 48 as profile §4 TLVs: name (tag 01, when there is one), ECI (42), CAV2 (92, when given). */
    record Tlv(String text, int nameAt, int cav2At) {
    }

    static Tlv tlv(String name, String eci, String cav2) {
        StringBuilder s = new StringBuilder();
        int nameAt = -1;
        if (name != null && !name.isEmpty()) {
            s.append("01").append(String.format("%02d", name.length()));
            nameAt = s.length();
            s.append(name);
        }
        s.append("4202").append(eci);
        int cav2At = -1;
        if (cav2 != null) {
            s.append("9203");
            cav2At = s.length();
            s.append(cav2);
        }
        return new Tlv(s.toString(), nameAt, cav2At);
    }

    static String brokenLuhn(String pan) {
        return pan.substring(0, pan.length() - 1) + brokenDigit(pan.charAt(pan.length() - 1));
    }

    static char brokenDigit(char last) {
        return (char) ('0' + (last - '0' + 1) % 10);
    }

    /** An expiry that is not the card's (the policy's check 4 answers 54). */
    static String otherExpiry(String expiry) {
        return expiry.equals("2901") ? "2902" : "2901";
    }

    static int otherCav2(String cav2) {
        return ((cav2.charAt(0) - '0') * 100 + (cav2.charAt(1) - '0') * 10 + (cav2.charAt(2) - '0') + 1) % 1000;
    }
}
