package io.tatekae.state;

/** GOOD, or DELINQUENT when a bill is past due (declined). Codes are persisted: never reorder. */
public enum AccountStatus {
    GOOD, DELINQUENT;

    private static final AccountStatus[] BY_CODE = values();

    public byte code() {
        return (byte) ordinal();
    }

    public static AccountStatus ofCode(byte code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalStateException("unknown account status code " + code + " in state store");
        }
        return BY_CODE[code];
    }
}
