package io.tatekae.engine;

import java.util.Arrays;

/** Policy checks 10 and 11 over the request's merchant fields; allocation-free. */
final class MerchantScreen {
    private static final int RECURRING_PRESENCE = 4;

    private final PolicySettings policy;

    MerchantScreen(PolicySettings policy) {
        this.policy = policy;
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
        for (byte[] pattern : policy.blockedNamePatterns) {
            if (containsIgnoreCase(r.data, r.merchantNameOffset, r.merchantNameLength, pattern)) {
                return true;
            }
        }
        return false;
    }

    boolean subscription(AuthRequest r) {
        return r.cardholderPresence == RECURRING_PRESENCE || (r.mcc >= 0 && policy.subscriptionMcc[r.mcc]);
    }

    static boolean containsIgnoreCase(byte[] text, int off, int len, byte[] upperPattern) {
        int last = off + len - upperPattern.length;
        for (int i = off; i <= last; i++) {
            int j = 0;
            while (j < upperPattern.length && upper(text[i + j]) == upperPattern[j]) {
                j++;
            }
            if (j == upperPattern.length) {
                return true;
            }
        }
        return false;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }
}
