package io.tatekae.engine;

/** The request classes of profile §3, by MTI. */
public enum MessageKind {
    AUTHORIZATION(100),
    ADVICE(120),
    REVERSAL(400),
    REVERSAL_ADVICE(420),
    NETWORK_MANAGEMENT(800),
    /** A well-formed MTI this switch does not serve as a request (answered 12 or dropped). */
    UNSUPPORTED(-1);

    private final int mti;

    MessageKind(int mti) {
        this.mti = mti;
    }

    public int mti() {
        return mti;
    }

    public static MessageKind ofMti(int mti) {
        return switch (mti) {
            case 100 -> AUTHORIZATION;
            case 120 -> ADVICE;
            case 400 -> REVERSAL;
            case 420 -> REVERSAL_ADVICE;
            case 800 -> NETWORK_MANAGEMENT;
            default -> UNSUPPORTED;
        };
    }
}
