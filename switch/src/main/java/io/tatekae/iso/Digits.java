package io.tatekae.iso;

/** ASCII digit parsing over byte ranges the decoder has already validated. */
public final class Digits {
    private Digits() {
    }

    /** The value of len ASCII digits at buf[off]; -1 if any byte is not a digit or len is not 1..18. */
    public static long parse(byte[] buf, int off, int len) {
        if (len < 1 || len > 18) {
            return -1;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Writes value as exactly len zero-filled digits at out[off]. */
    public static void write(long value, byte[] out, int off, int len) {
        assert value >= 0 : "negative";
        for (int i = off + len - 1; i >= off; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        assert value == 0 : "value does not fit in " + len + " digits";
    }
}
