package io.tatekae.billing;

/** How a payment was made (billing.md §3). Codes are journaled: never renumber. */
public enum PaymentMethod {
    /** The admin's single-payment command, which does not say. */
    UNSPECIFIED(0),
    CONVENIENCE_STORE(1),
    BANK_ATM(2),
    PAY_EASY(3),
    DIRECT_DEBIT(4);

    private final int code;

    PaymentMethod(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PaymentMethod of(int code) {
        for (PaymentMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return UNSPECIFIED;
    }

    /** The method a payment file names, or null when it names none of the four. */
    public static PaymentMethod named(String name) {
        for (PaymentMethod m : values()) {
            if (m != UNSPECIFIED && m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
