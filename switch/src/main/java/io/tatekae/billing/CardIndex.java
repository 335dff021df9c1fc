package io.tatekae.billing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which cards (by PAN key) each account has, for the ladder and the account view. Built from the state
 * store at start, kept up to date by provisioning and issuing. Decision thread only.
 */
public final class CardIndex {
    private final Map<Integer, long[]> byAccount = new HashMap<>();
    private final Map<BillingState.CardKey, Integer> owner = new HashMap<>();

    @FunctionalInterface
    public interface CardVisitor {
        void visit(long panHi, long panLo);
    }

    /** Records that the card belongs to {@code accountIndex} (and no longer to any other account). */
    public void put(int accountIndex, long panHi, long panLo) {
        Integer previous = owner.put(new BillingState.CardKey(panHi, panLo), accountIndex);
        if (previous != null && previous != accountIndex) {
            remove(previous, panHi, panLo);
        }
        long[] keys = byAccount.getOrDefault(accountIndex, new long[0]);
        if (indexOf(keys, panHi, panLo) < 0) {
            keys = Arrays.copyOf(keys, keys.length + 2);
            keys[keys.length - 2] = panHi;
            keys[keys.length - 1] = panLo;
            byAccount.put(accountIndex, keys);
        }
    }

    public void remove(int accountIndex, long panHi, long panLo) {
        owner.remove(new BillingState.CardKey(panHi, panLo), accountIndex);
        long[] keys = byAccount.get(accountIndex);
        if (keys != null && indexOf(keys, panHi, panLo) >= 0) {
            byAccount.put(accountIndex, without(keys, indexOf(keys, panHi, panLo)));
        }
    }

    public void forEach(int accountIndex, CardVisitor visitor) {
        long[] keys = byAccount.getOrDefault(accountIndex, new long[0]);
        for (int i = 0; i < keys.length; i += 2) {
            visitor.visit(keys[i], keys[i + 1]);
        }
    }

    public int count(int accountIndex) {
        return byAccount.getOrDefault(accountIndex, new long[0]).length / 2;
    }

    private static int indexOf(long[] keys, long hi, long lo) {
        for (int i = 0; i < keys.length; i += 2) {
            if (keys[i] == hi && keys[i + 1] == lo) {
                return i;
            }
        }
        return -1;
    }

    private static long[] without(long[] keys, int at) {
        long[] out = new long[keys.length - 2];
        System.arraycopy(keys, 0, out, 0, at);
        System.arraycopy(keys, at + 2, out, at, keys.length - at - 2);
        return out;
    }
}
