package io.tatekae.bench.support;

/**
 * A source of request keys that never repeat within a run: DE 11 runs 000001..999999, and each time it
 * wraps, DE 7's minutes and seconds move on (3,600 values), so about 3.6 billion keys in all.
 */
public final class TxnKeys {
    private static final long BASE_DATE_TIME = 1123120000L;

    private int stan;
    private int wraps;

    public void next() {
        if (++stan > 999_999) {
            stan = 1;
            wraps = (wraps + 1) % 3_600;
        }
    }

    public int stan() {
        return stan;
    }

    /** DE 7 as MMDDhhmmss. */
    public long dateTime() {
        return BASE_DATE_TIME + (wraps / 60) * 100L + wraps % 60;
    }

    /** Writes {@code value} as {@code digits} ASCII digits at buf[off..]. */
    public static void writeDigits(byte[] buf, int off, int digits, long value) {
        for (int i = off + digits - 1; i >= off; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
