package io.tatekae.billing;

/** Why a limit or a status changed (billing.md §5: "recorded with its cause"). Codes are journaled: never renumber. */
public enum Cause {
    NONE(0, "unknown"),
    /** A statement was paid in full by its due date: one rung up. Reference: the statement's month. */
    STATEMENT_PAID_ON_TIME(1, "statement paid on time"),
    /** A statement was not paid by its due date: delinquent, back to the first rung. Reference: its month. */
    STATEMENT_PAST_DUE(2, "statement past due"),
    /** Payments covered every statement past due. Reference: the payment's posting id. */
    PAYMENT(3, "payment"),
    /** Direct debit was registered or removed. */
    DIRECT_DEBIT(4, "direct debit"),
    /** The card management system's provisioning record said so. */
    PROVISIONING(5, "provisioning"),
    /** A payment that arrived after the due date turned out to be paid on time: the drop is undone. Reference: its posting id. */
    DELINQUENCY_REVOKED(6, "paid on time after all"),
    /** A later statement's credit covered what was past due. Reference: that statement's month. */
    CREDIT(7, "credit on a later statement"),
    /** A card was issued. */
    ISSUED(8, "card issued");

    private static final Cause[] BY_CODE = new Cause[16];

    static {
        for (Cause c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;
    private final String words;

    Cause(int code, String words) {
        this.code = code;
        this.words = words;
    }

    public int code() {
        return code;
    }

    /** A few words a support agent can read out. */
    public String words() {
        return words;
    }

    public static Cause of(int code) {
        Cause c = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return c == null ? NONE : c;
    }
}
