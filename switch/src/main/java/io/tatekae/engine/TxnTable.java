package io.tatekae.engine;

/**
 * Every recent request the engine answered, keyed by MTI class + DE 7 + DE 11 + DE 32: the
 * duplicate check, the hold an authorization placed (for reversals and expiry), and reversals that
 * arrived before their original. Open addressing with linear probing and backward-shift deletion
 * over preallocated primitive arrays; insertion order is kept in a FIFO so expiry and eviction walk
 * from the oldest. Single-threaded (the decision thread). Allocates nothing after construction.
 */
public final class TxnTable {
    public static final byte EMPTY = 0;
    /** An approved authorization or advice whose hold is still open. */
    public static final byte HOLD_OPEN = 1;
    /** A hold that was reversed, expired or captured: remembered for duplicates only. */
    public static final byte HOLD_CLOSED = 2;
    /** Any other answered request (declines, reversals, 0420s): remembered for duplicates. */
    public static final byte ANSWERED = 3;
    /** A reversal arrived for this key before its original. */
    public static final byte REVERSED_BEFORE_ORIGINAL = 4;

    public static final int MIN_ENTRIES = 16;

    private static final java.lang.invoke.VarHandle OPEN_HOLDS;

    static {
        try {
            OPEN_HOLDS = java.lang.invoke.MethodHandles.lookup().findVarHandle(TxnTable.class, "openHolds", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final int maxEntries;
    private int size;
    /** Entries in HOLD_OPEN; written (opaque) by the decision thread, read by metrics. */
    private int openHolds;

    private final long[] keyA;
    private final long[] keyB;
    private final byte[] state;
    private final byte[] outcome;
    private final byte[] nameResult;
    private final byte[] cav2Result;
    private final long[] authCounter;
    private final long[] holdId;
    private final long[] holdAmount;
    private final int[] accountIndex;
    private final long[] createdMillis;
    private final long[] contentA;
    private final long[] contentB;
    private final long[] contentC;
    private final long[] contentD;
    private final long[] balance;
    private final long[] matchKey;
    private final MatchIndex matches;

    private final long[] fifoA;
    private final long[] fifoB;
    private long fifoHead;
    private long fifoTail;

    /** @param maxEntries how many entries may be remembered at once (the table is twice as large) */
    public TxnTable(int maxEntries) {
        if (maxEntries < MIN_ENTRIES || maxEntries > (1 << 28)) {
            throw new IllegalArgumentException("maxEntries must be 16..268435456, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.capacity = Integer.highestOneBit(maxEntries * 2 - 1) << 1;
        this.mask = capacity - 1;
        keyA = new long[capacity];
        keyB = new long[capacity];
        state = new byte[capacity];
        outcome = new byte[capacity];
        nameResult = new byte[capacity];
        cav2Result = new byte[capacity];
        authCounter = new long[capacity];
        holdId = new long[capacity];
        holdAmount = new long[capacity];
        accountIndex = new int[capacity];
        createdMillis = new long[capacity];
        contentA = new long[capacity];
        contentB = new long[capacity];
        contentC = new long[capacity];
        contentD = new long[capacity];
        balance = new long[capacity];
        matchKey = new long[capacity];
        matches = new MatchIndex(maxEntries);
        fifoA = new long[maxEntries];
        fifoB = new long[maxEntries];
    }

    /** First half of a key: DE 7 (MMDDhhmmss) and DE 11. */
    public static long keyA(long transmissionDateTime, int stan) {
        return transmissionDateTime * 1_000_000L + stan;
    }

    /** Second half of a key: DE 32 and the MTI (which tells a 0100 from its 0400). */
    public static long keyB(long acquirerId, int mti) {
        return acquirerId * 10_000L + mti;
    }

    /** The slot holding the key, or -1. */
    public int find(long a, long b) {
        int slot = home(a, b);
        while (state[slot] != EMPTY) {
            if (keyA[slot] == a && keyB[slot] == b) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    public boolean full() {
        return size >= maxEntries;
    }

    public int size() {
        return size;
    }

    /** Holds open now (entries in {@link #HOLD_OPEN}); safe to read from any thread, possibly a moment late. */
    public int openHolds() {
        return (int) OPEN_HOLDS.getOpaque(this);
    }

    private void countOpen(byte was, byte now) {
        int delta = (now == HOLD_OPEN ? 1 : 0) - (was == HOLD_OPEN ? 1 : 0);
        if (delta != 0) {
            OPEN_HOLDS.setOpaque(this, openHolds + delta);
        }
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Inserts a new key (the caller checked it is absent and the table is not full); returns its slot. */
    public int insert(long a, long b, byte entryState, long nowMillis) {
        assert find(a, b) < 0 : "key already present";
        if (size >= maxEntries) {
            throw new IllegalStateException("transaction table full");
        }
        int slot = home(a, b);
        while (state[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keyA[slot] = a;
        keyB[slot] = b;
        state[slot] = entryState;
        countOpen(EMPTY, entryState);
        createdMillis[slot] = nowMillis;
        outcome[slot] = 0;
        nameResult[slot] = 0;
        cav2Result[slot] = 0;
        authCounter[slot] = -1;
        holdId[slot] = -1;
        holdAmount[slot] = 0;
        accountIndex[slot] = -1;
        contentA[slot] = contentB[slot] = contentC[slot] = contentD[slot] = 0;
        balance[slot] = Decision.NO_BALANCE;
        matchKey[slot] = 0;
        assert fifoTail - fifoHead < maxEntries : "insertion FIFO overrun";
        int fifo = (int) (fifoTail++ % maxEntries);
        fifoA[fifo] = a;
        fifoB[fifo] = b;
        size++;
        return slot;
    }

    /** Removes the entry in the slot, shifting later entries of its probe run back. */
    public void remove(int slot) {
        assert state[slot] != EMPTY;
        unindexMatch(slot);
        size--;
        countOpen(state[slot], EMPTY);
        int hole = slot;
        int next = (hole + 1) & mask;
        while (state[next] != EMPTY) {
            int want = home(keyA[next], keyB[next]);
            // Move next into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
            if (!stays) {
                moveSlot(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        state[hole] = EMPTY;
    }

    /** The oldest remembered key's slot, or -1 when the FIFO is empty; stale FIFO keys are skipped. */
    public int oldest() {
        while (fifoHead < fifoTail) {
            int fifo = (int) (fifoHead % maxEntries);
            int slot = find(fifoA[fifo], fifoB[fifo]);
            if (slot >= 0) {
                return slot;
            }
            fifoHead++;
        }
        return -1;
    }

    /** Drops the oldest key from the FIFO after the caller removed or kept its entry. */
    public void popOldest() {
        fifoHead++;
    }

    private void moveSlot(int from, int to) {
        keyA[to] = keyA[from];
        keyB[to] = keyB[from];
        state[to] = state[from];
        outcome[to] = outcome[from];
        nameResult[to] = nameResult[from];
        cav2Result[to] = cav2Result[from];
        authCounter[to] = authCounter[from];
        holdId[to] = holdId[from];
        holdAmount[to] = holdAmount[from];
        accountIndex[to] = accountIndex[from];
        createdMillis[to] = createdMillis[from];
        contentA[to] = contentA[from];
        contentB[to] = contentB[from];
        contentC[to] = contentC[from];
        contentD[to] = contentD[from];
        balance[to] = balance[from];
        matchKey[to] = matchKey[from];
    }

    private int home(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return (int) h & mask;
    }

    // Accessors for the values of a slot.
    public long keyA(int slot) { return keyA[slot]; }
    public long keyB(int slot) { return keyB[slot]; }
    public byte state(int slot) { return state[slot]; }
    public void state(int slot, byte s) {
        countOpen(state[slot], s);
        state[slot] = s;
    }
    public Outcome outcome(int slot) { return Outcome.ofOrdinal(outcome[slot]); }
    public void outcome(int slot, Outcome o) { outcome[slot] = (byte) o.ordinal(); }
    public byte nameResult(int slot) { return nameResult[slot]; }
    public byte cav2Result(int slot) { return cav2Result[slot]; }
    public void results(int slot, byte name, byte cav2) { nameResult[slot] = name; cav2Result[slot] = cav2; }
    public long authCounter(int slot) { return authCounter[slot]; }
    public void authCounter(int slot, long c) { authCounter[slot] = c; }
    public long holdId(int slot) { return holdId[slot]; }
    public long holdAmount(int slot) { return holdAmount[slot]; }
    public int accountIndex(int slot) { return accountIndex[slot]; }
    public void hold(int slot, long id, int account, long amount) {
        holdId[slot] = id;
        accountIndex[slot] = account;
        holdAmount[slot] = amount;
    }
    public void holdAmount(int slot, long amount) { holdAmount[slot] = amount; }
    public long createdMillis(int slot) { return createdMillis[slot]; }
    public long balance(int slot) { return balance[slot]; }
    public void balance(int slot, long b) { balance[slot] = b; }
    /** The hold's clearing match key ({@link MatchIndex#key}), 0 when none. */
    public long matchKey(int slot) { return matchKey[slot]; }

    /** Indexes the open hold in {@code slot} under its clearing match key. */
    public void indexMatch(int slot, long key) {
        matchKey[slot] = key;
        matches.put(key, keyA[slot], keyB[slot]);
    }

    /** Drops the hold in {@code slot} from the clearing index (it closed); the slot keeps its key for an undo. */
    public void unindexMatch(int slot) {
        if (matchKey[slot] != 0) {
            matches.remove(matchKey[slot], keyA[slot], keyB[slot]);
        }
    }

    /** The slot of the open hold a clearing record names by its match key, or -1. */
    public int findMatch(long key) {
        int m = matches.find(key);
        if (m < 0) {
            return -1;
        }
        int slot = find(matches.txnA(m), matches.txnB(m));
        return slot >= 0 && state[slot] == HOLD_OPEN && matchKey[slot] == key ? slot : -1;
    }

    public int matchCount() {
        return matches.size();
    }

    /** The request content a duplicate must repeat: DE 2 (as a PAN key), DE 3, DE 4, DE 42 (as a hash). */
    public void content(int slot, long panHi, long panLo, long amountAndCode, long merchantHash) {
        contentA[slot] = panHi;
        contentB[slot] = panLo;
        contentC[slot] = amountAndCode;
        contentD[slot] = merchantHash;
    }

    /** Copies the entry's key, content and approval code counter into the event. */
    public void describe(int slot, HoldEvent e) {
        e.keyA = keyA[slot];
        e.keyB = keyB[slot];
        e.panHi = contentA[slot];
        e.panLo = contentB[slot];
        e.amountAndCode = contentC[slot];
        e.merchantHash = contentD[slot];
        e.authCounter = authCounter[slot];
    }

    public boolean samePan(int slot, long panHi, long panLo) {
        return contentA[slot] == panHi && contentB[slot] == panLo;
    }

    public boolean sameContent(int slot, long panHi, long panLo, long amountAndCode, long merchantHash) {
        return contentA[slot] == panHi && contentB[slot] == panLo
                && contentC[slot] == amountAndCode && contentD[slot] == merchantHash;
    }
}
