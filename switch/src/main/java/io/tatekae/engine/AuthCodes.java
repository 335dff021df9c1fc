package io.tatekae.engine;

import java.nio.charset.StandardCharsets;

/**
 * DE 38 approval codes: six base-36 characters from a counter that only moves forward, so codes
 * are unique until the counter wraps at 36^6 (about 2.2 billion approvals).
 */
public final class AuthCodes {
    public static final int LENGTH = 6;
    public static final long SPACE = 2_176_782_336L; // 36^6
    private static final byte[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes(StandardCharsets.US_ASCII);
    // An odd multiplier permutes the code space, so consecutive approvals do not get neighbouring codes.
    private static final long SCRAMBLE = 1_000_000_007L; // prime, coprime with 36^6 = 2^12 * 3^12

    private long next;

    public AuthCodes(long startAt) {
        this.next = startAt;
    }

    public long next() {
        return next;
    }

    /** Writes the next code into out[off..off+6) and returns the counter value it came from. */
    public long issue(byte[] out, int off) {
        long counter = next++;
        write(counter, out, off);
        return counter;
    }

    public static void write(long counter, byte[] out, int off) {
        long v = Math.floorMod(Math.floorMod(counter, SPACE) * SCRAMBLE, SPACE);
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[off + i] = DIGITS[(int) (v % 36)];
            v /= 36;
        }
    }
}
