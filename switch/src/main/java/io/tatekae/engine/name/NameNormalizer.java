package io.tatekae.engine.name;

/**
 * Splits a typed or provisioned name into tokens and canonicalizes each one into preallocated
 * scratch. Reusable, single-threaded, allocates nothing after construction.
 * <p>
 * Bytes accepted: ASCII letters (case folded), space (separates tokens, runs collapse), and
 * hyphen, apostrophe and period (dropped, they do not separate tokens). Anything else makes the
 * whole name invalid.
 */
final class NameNormalizer {
    /** DE 48 tag 01 is ans..45; a provisioned name has the same limit. */
    static final int MAX_NAME_BYTES = 45;
    static final int MAX_TOKENS = (MAX_NAME_BYTES + 1) / 2;
    static final int INVALID = -1;

    private final RomajiCanonicalizer canonicalizer = new RomajiCanonicalizer();
    private final byte[] letters = new byte[MAX_NAME_BYTES];
    private final byte[] canonical = new byte[MAX_NAME_BYTES];
    private final int[] tokenStart = new int[MAX_TOKENS];
    private final int[] tokenLength = new int[MAX_TOKENS];
    private int canonicalLength;

    /**
     * Normalizes buf[off, off+len). Returns the number of tokens (0 when there is no letter at
     * all), or {@link #INVALID} for a byte that is not allowed or a name longer than
     * {@link #MAX_NAME_BYTES}.
     */
    int normalize(byte[] buf, int off, int len) {
        canonicalLength = 0;
        if (len > MAX_NAME_BYTES) {
            return INVALID;
        }
        int tokens = 0;
        int letterCount = 0;
        for (int i = off, end = off + len; i <= end; i++) {
            final int b = i < end ? buf[i] & 0xFF : ' ';
            if (b >= 'A' && b <= 'Z') {
                letters[letterCount++] = (byte) b;
            } else if (b >= 'a' && b <= 'z') {
                letters[letterCount++] = (byte) (b - ('a' - 'A'));
            } else if (b == ' ') {
                if (letterCount > 0) {
                    tokenStart[tokens] = canonicalLength;
                    canonicalLength = canonicalizer.canonicalize(letters, 0, letterCount, canonical, canonicalLength);
                    tokenLength[tokens] = canonicalLength - tokenStart[tokens];
                    tokens++;
                    letterCount = 0;
                }
            } else if (b != '-' && b != '\'' && b != '.') {
                return INVALID;
            }
        }
        return tokens;
    }

    /** Canonical bytes of all tokens, back to back; valid up to {@link #canonicalLength()}. */
    byte[] canonical() {
        return canonical;
    }

    int canonicalLength() {
        return canonicalLength;
    }

    int tokenStart(int token) {
        return tokenStart[token];
    }

    int tokenLength(int token) {
        return tokenLength[token];
    }

    static boolean isAllowed(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == ' ' || b == '-' || b == '\'' || b == '.';
    }
}
