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

    /**
     * {@code text} with every run of 12 or more digits (which could be a card number) masked like a PAN,
     * and cut to {@code maxLength} characters: for references and causes that are stored or printed.
     */
    public static String maskDigitRuns(String text, int maxLength) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            if (end - i >= MIN_PAN_LENGTH) {
                out.append(of(text.substring(i, Math.min(end, i + MAX_LENGTH))));
                i = end;
            } else if (end > i) {
                out.append(text, i, end);
                i = end;
            } else {
                char c = text.charAt(i++);
                out.append(c >= 0x20 && c <= 0x7e ? c : '?');
            }
        }
        return out.length() > maxLength ? out.substring(0, maxLength) : out.toString();
    }
}
