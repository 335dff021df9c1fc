package io.tatekae.state;

/** Points plan of an account. Codes are persisted: never reorder. */
public enum AccountPlan {
    STANDARD, PLUS;

    private static final AccountPlan[] BY_CODE = values();

    public byte code() {
        return (byte) ordinal();
    }

    public static AccountPlan ofCode(byte code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalStateException("unknown account plan code " + code + " in state store");
        }
        return BY_CODE[code];
    }
}
