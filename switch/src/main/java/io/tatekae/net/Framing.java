package io.tatekae.net;

/** The 4-byte frame header of profile §1: a 2-byte big-endian length, then two zero bytes. */
public final class Framing {
    public static final int HEADER_BYTES = 4;
    /** The profile's maximum message length (header not counted). */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private Framing() {
    }

    public static void writeHeader(byte[] out, int off, int messageLength) {
        assert messageLength >= 0 && messageLength <= MAX_MESSAGE_BYTES : "message length " + messageLength;
        out[off] = (byte) (messageLength >>> 8);
        out[off + 1] = (byte) messageLength;
        out[off + 2] = 0;
        out[off + 3] = 0;
    }
}
