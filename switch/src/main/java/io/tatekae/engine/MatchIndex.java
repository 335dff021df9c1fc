package io.tatekae.engine;

/**
 * Finds an open hold from what a clearing record names it by: PAN + approval code (DE 38) +
 * retrieval reference number (DE 37), hashed into one 64-bit match key, mapped to the hold's
 * {@link TxnTable} key. Filled when a hold is placed, emptied when it closes, rebuilt by recovery.
 * Open addressing with linear probing and backward-shift deletion over one preallocated array, a
 * slot's match key and transaction key side by side (4 longs, two slots per cache line); key 0 means
 * empty (a computed key is never 0). Single-threaded; allocates nothing after construction.
 */
public final class MatchIndex {
    private static final int SHIFT = 2;
    private static final int KEY = 0;
    private static final int TXN_A = 1;
    private static final int TXN_B = 2;

    private final int mask;
    private final int maxEntries;
    private final long[] slots;
    private int size;

    MatchIndex(int maxEntries) {
        this.maxEntries = maxEntries;
        this.mask = capacityFor(maxEntries) - 1;
        this.slots = new long[capacityFor(maxEntries) << SHIFT];
    }

    private static int capacityFor(int maxEntries) {
        return Integer.highestOneBit(maxEntries * 2 - 1) << 1;
    }

    static long bytesFor(int maxEntries) {
        return ((long) capacityFor(maxEntries) << SHIFT) * Long.BYTES;
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
        while (key(slot) != 0 && key(slot) != key) {
            slot = (slot + 1) & mask;
        }
        if (key(slot) == 0) {
            if (size >= maxEntries) {
                return; // more open holds than the table can hold cannot happen; never loop forever
            }
            size++;
        }
        int i = slot << SHIFT;
        slots[i + KEY] = key;
        slots[i + TXN_A] = a;
        slots[i + TXN_B] = b;
    }

    /** The slot of the key, or -1. */
    int find(long key) {
        int slot = home(key);
        while (key(slot) != 0) {
            if (key(slot) == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private long key(int slot) {
        return slots[(slot << SHIFT) + KEY];
    }

    long txnA(int slot) {
        return slots[(slot << SHIFT) + TXN_A];
    }

    long txnB(int slot) {
        return slots[(slot << SHIFT) + TXN_B];
    }

    /** Removes the key if present (only when it still maps to the transaction (a, b)). */
    void remove(long key, long a, long b) {
        int slot = find(key);
        if (slot < 0 || txnA(slot) != a || txnB(slot) != b) {
            return;
        }
        size--;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (key(next) != 0) {
            int want = home(key(next));
            boolean stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
            if (!stays) {
                System.arraycopy(slots, next << SHIFT, slots, hole << SHIFT, 1 << SHIFT);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[(hole << SHIFT) + KEY] = 0;
    }

    public int size() {
        return size;
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
