package io.tatekae.state;

/**
 * The only printable form of a PAN: first 6 and last 4 digits, the rest as '*'
 * (3540990000001007 → 354099******1007). Anything shorter than a PAN is masked completely.
 */
public final class MaskedPan {
    public static final int MAX_LENGTH = 19;
    private static final int MIN_PAN_LENGTH = 12;
    private static final int SHOWN_PREFIX = 6;
    private static final int SHOWN_SUFFIX = 4;

    private MaskedPan() {
    }

    /** Writes the masked form of pan[off, off+len) into out at outOff; returns the length written. */
    public static int mask(byte[] pan, int off, int len, byte[] out, int outOff) {
        if (len > MAX_LENGTH) {
            throw new IllegalArgumentException("PAN longer than " + MAX_LENGTH + " characters");
        }
        boolean showEnds = len >= MIN_PAN_LENGTH;
        for (int i = 0; i < len; i++) {
            boolean shown = showEnds && (i < SHOWN_PREFIX || i >= len - SHOWN_SUFFIX);
            out[outOff + i] = shown ? pan[off + i] : (byte) '*';
        }
        return len;
    }

    /** Masked form of a PAN string (not the hot path). Longer inputs are reduced to their length. */
    public static String of(CharSequence pan) {
        int len = pan.length();
        if (len > MAX_LENGTH) {
            return "<" + len + " characters>";
        }
        StringBuilder sb = new StringBuilder(len);
        boolean showEnds = len >= MIN_PAN_LENGTH;
        for (int i = 0; i < len; i++) {
            boolean shown = showEnds && (i < SHOWN_PREFIX || i >= len - SHOWN_SUFFIX);
            sb.append(shown ? pan.charAt(i) : '*');
        }
        return sb.toString();
    }
}
