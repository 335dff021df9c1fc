package io.tatekae.engine;

import java.util.Arrays;

/** Policy checks 10 and 11 over the request's merchant fields; allocation-free. */
final class MerchantScreen {
    private static final int RECURRING_PRESENCE = 4;

    private final PolicySettings policy;
    /**
     * The blocked name patterns by the name byte they can start at (a letter in either case), null where
     * none can: the name is read once, and a pattern is tried only where its first letter is.
     */
    private final byte[][][] patternsStartingWith = new byte[256][][];

    MerchantScreen(PolicySettings policy) {
        this.policy = policy;
        for (byte[] pattern : policy.blockedNamePatterns) {
            int first = pattern[0] & 0xFF;
            add(first, pattern);
            if (first >= 'A' && first <= 'Z') {
                add(first + ('a' - 'A'), pattern);
            }
        }
    }

    private void add(int first, byte[] pattern) {
        byte[][] before = patternsStartingWith[first];
        byte[][] after = before == null ? new byte[1][] : Arrays.copyOf(before, before.length + 1);
        after[after.length - 1] = pattern;
        patternsStartingWith[first] = after;
    }

    boolean blocked(AuthRequest r) {
        if (r.mcc >= 0 && policy.blockedMcc[r.mcc]) {
            return true;
        }
        for (byte[] id : policy.blockedMerchantIds) {
            if (r.merchantIdLength == id.length && Arrays.equals(r.data, r.merchantIdOffset,
                    r.merchantIdOffset + id.length, id, 0, id.length)) {
                return true;
            }
        }
        return nameContainsPattern(r.data, r.merchantNameOffset, r.merchantNameLength);
    }

    /** Whether text[off, off+len) contains a blocked name pattern, letters compared ignoring case. */
    boolean nameContainsPattern(byte[] text, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte[][] candidates = patternsStartingWith[text[i] & 0xFF];
            if (candidates != null) {
                for (byte[] pattern : candidates) {
                    if (matchesAt(text, i, end, pattern)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    boolean subscription(AuthRequest r) {
        return r.cardholderPresence == RECURRING_PRESENCE || (r.mcc >= 0 && policy.subscriptionMcc[r.mcc]);
    }

    /** The pattern's bytes after the first (which the caller matched) at text[at...], before end. */
    private static boolean matchesAt(byte[] text, int at, int end, byte[] upperPattern) {
        if (end - at < upperPattern.length) {
            return false;
        }
        for (int j = 1; j < upperPattern.length; j++) {
            if (upper(text[at + j]) != upperPattern[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }
}
