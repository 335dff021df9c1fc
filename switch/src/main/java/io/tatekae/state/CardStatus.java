package io.tatekae.state;

/** Card lifecycle as provisioned; only ACTIVE cards may purchase. Codes are persisted: never reorder. */
public enum CardStatus {
    ACTIVE, FROZEN, PENDING, CLOSED;

    private static final CardStatus[] BY_CODE = values();

    public byte code() {
        return (byte) ordinal();
    }

    public static CardStatus ofCode(byte code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalStateException("unknown card status code " + code + " in state store");
        }
        return BY_CODE[code];
    }
}
