package io.tatekae.engine;

/**
 * What the engine decided. The wire's DE 39 and reason code (profile §7) are attached at the edge
 * ({@code io.tatekae.iso.ResponseCodes}); the engine speaks only in these.
 */
public enum Outcome {
    APPROVED,
    UNKNOWN_CARD,
    EXPIRED_CARD,
    CAV2_MISMATCH,
    CAV2_MISSING,
    NAME_MISMATCH,
    BLOCKED_MERCHANT,
    RECURRING_NOT_ALLOWED,
    CARD_PRESENT_NOT_ALLOWED,
    FOREIGN_CURRENCY,
    FOREIGN_MERCHANT,
    CARD_NOT_ACTIVE,
    ACCOUNT_DELINQUENT,
    INSUFFICIENT_CREDIT,
    OVER_TRANSACTION_LIMIT,
    VELOCITY_EXCEEDED,
    THREE_DS_REQUIRED,
    INVALID_AMOUNT,
    UNSUPPORTED_TRANSACTION,
    FORMAT_ERROR,
    ORIGINAL_NOT_FOUND,
    ORIGINAL_AFTER_REVERSAL,
    DUPLICATE_MISMATCH,
    UNAVAILABLE,
    INTERNAL_ERROR;

    private static final Outcome[] VALUES = values();

    public static Outcome ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean approved() {
        return this == APPROVED;
    }
}
