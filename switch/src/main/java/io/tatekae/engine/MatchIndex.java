package io.tatekae.engine;

/**
 * Finds an open hold from what a clearing record names it by: PAN + approval code (DE 38) +
 * retrieval reference number (DE 37), hashed into one 64-bit match key, mapped to the hold's
 * {@link TxnTable} key. Filled when a hold is placed, emptied when it closes, rebuilt by recovery.
 * Open addressing with linear probing and backward-shift deletion over preallocated arrays; key 0
 * means empty (a computed key is never 0). Single-threaded; allocates nothing after construction.
 */
public final class MatchIndex {
    private final int mask;
    private final int maxEntries;
    private final long[] keys;
    private final long[] txnA;
    private final long[] txnB;
    private int size;

    MatchIndex(int maxEntries) {
        this.maxEntries = maxEntries;
        int capacity = Integer.highestOneBit(maxEntries * 2 - 1) << 1;
        this.mask = capacity - 1;
        keys = new long[capacity];
        txnA = new long[capacity];
        txnB = new long[capacity];
    }

    /** FNV-1a over the PAN key, the 6 approval-code bytes and the RRN bytes; never 0. */
    public static long key(long panHi, long panLo, byte[] authCode, int authOff, byte[] rrn, int rrnOff, int rrnLen) {
        long h = 0xcbf29ce484222325L;
        h = mixLong(h, panHi);
        h = mixLong(h, panLo);
        for (int i = 0; i < AuthCodes.LENGTH; i++) {
            h = (h ^ (authCode[authOff + i] & 0xFF)) * 0x100000001b3L;
        }
        h = (h ^ 0x1F) * 0x100000001b3L; // separator: "AB"+"C" and "A"+"BC" differ
        for (int i = 0; i < rrnLen; i++) {
            h = (h ^ (rrn[rrnOff + i] & 0xFF)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    private static long mixLong(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((v >>> (i * 8)) & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }

    /** Maps the key to the transaction key (a, b), replacing an earlier mapping of the same key. */
    void put(long key, long a, long b) {
        int slot = home(key);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
            if (size >= maxEntries) {
                return; // more open holds than the table can hold cannot happen; never loop forever
            }
            size++;
        }
        keys[slot] = key;
        txnA[slot] = a;
        txnB[slot] = b;
    }

    /** The slot of the key, or -1. */
    int find(long key) {
        int slot = home(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    long txnA(int slot) {
        return txnA[slot];
    }

    long txnB(int slot) {
        return txnB[slot];
    }

    /** Removes the key if present (only when it still maps to the transaction (a, b)). */
    void remove(long key, long a, long b) {
        int slot = find(key);
        if (slot < 0 || txnA[slot] != a || txnB[slot] != b) {
            return;
        }
        size--;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != 0) {
            int want = home(keys[next]);
            boolean stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
            if (!stays) {
                keys[hole] = keys[next];
                txnA[hole] = txnA[next];
                txnB[hole] = txnB[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = 0;
    }

    public int size() {
        return size;
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
