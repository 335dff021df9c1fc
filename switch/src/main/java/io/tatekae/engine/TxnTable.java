package io.tatekae.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Every recent request the engine answered, keyed by MTI class + DE 7 + DE 11 + DE 32: the
 * duplicate check, the hold an authorization placed (for reversals, clearing and expiry), and
 * reversals that arrived before their original.
 * <p>
 * Open addressing with linear probing and backward-shift deletion. A slot's fields lie together in
 * one {@code long[]}, 16 longs (two cache lines) per slot: the key, the state and results, and the
 * duplicate's content in the first line — all a look-up or a duplicate check reads — and the hold,
 * times and positions in the second. Insertion order is kept in a FIFO of keys; when the table is
 * full the oldest entries are forgotten, except open holds, which are parked in a second FIFO (still
 * in age order) until they close or expire, so an old uncleared hold never blocks the memory of
 * newer requests; a parked hold that closes queues again as the newest entry. Single-threaded (the decision thread); allocates nothing after construction.
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
    /**
     * The slots (2 to 4 per entry, a power of two) of 16 longs must fit in one Java array: 2^25 entries
     * take 2^26 slots, 2^30 longs; one more entry would take 2^27 slots, more than an array can index.
     */
    public static final int MAX_ENTRIES = 1 << 25;

    private static final int SHIFT = 4;
    private static final int STRIDE = 1 << SHIFT;
    // First cache line: what find, a duplicate check and a replayed answer read.
    private static final int KEY_A = 0;
    private static final int KEY_B = 1;
    /** state | outcome << 8 | name result << 16 | CAV2 result << 24 | account index << 32 */
    private static final int META = 2;
    private static final int AUTH_COUNTER = 3;
    private static final int PAN_HI = 4;
    private static final int PAN_LO = 5;
    private static final int AMOUNT_AND_CODE = 6;
    private static final int MERCHANT = 7;
    // Second cache line: the hold, the times, the positions in the age FIFOs.
    private static final int BALANCE = 8;
    private static final int HOLD_ID = 9;
    private static final int HOLD_AMOUNT = 10;
    private static final int CREATED = 11;
    private static final int MATCH_KEY = 12;
    private static final int RECENT_POSITION = 13;
    private static final int PARKED_POSITION = 14;
    /** Where a parked hold was parked before it closed, so that a taken-back close parks it there again. */
    private static final int UNPARKED_FROM = 15;

    private static final VarHandle OPEN_HOLDS;

    static {
        try {
            OPEN_HOLDS = MethodHandles.lookup().findVarHandle(TxnTable.class, "openHolds", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final int maxEntries;
    private final long[] slots;
    private final KeyFifo recent;
    private final KeyFifo parked;
    private final MatchIndex matches;
    private int size;
    /** What {@link #touch} read: kept only so that the compiler keeps those loads. */
    private long touched;
    /** Entries in HOLD_OPEN; written (opaque) by the decision thread, read by metrics. */
    private int openHolds;
    private boolean oldestIsParked;

    /** @param maxEntries how many entries may be remembered at once (the table has twice as many slots) */
    public TxnTable(int maxEntries) {
        if (maxEntries < MIN_ENTRIES || maxEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException("maxEntries must be " + MIN_ENTRIES + ".." + MAX_ENTRIES + ", was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.capacity = Integer.highestOneBit(maxEntries * 2 - 1) << 1;
        this.mask = capacity - 1;
        this.slots = new long[capacity << SHIFT];
        this.recent = new KeyFifo(maxEntries);
        this.parked = new KeyFifo(maxEntries);
        this.matches = new MatchIndex(maxEntries);
    }

    /** Bytes the table of {@code maxEntries} occupies (for the start-up check against the heap). */
    public static long bytesFor(int maxEntries) {
        long slotCount = (long) Integer.highestOneBit(Math.max(MIN_ENTRIES, maxEntries) * 2 - 1) << 1;
        return slotCount * STRIDE * Long.BYTES + 2L * 2 * maxEntries * Long.BYTES + MatchIndex.bytesFor(maxEntries);
    }

    /** First half of a key: DE 7 (MMDDhhmmss) and DE 11. */
    public static long keyA(long transmissionDateTime, int stan) {
        return transmissionDateTime * 1_000_000L + stan;
    }

    /** Second half of a key: DE 32 and the MTI (which tells a 0100 from its 0400). */
    public static long keyB(long acquirerId, int mti) {
        return acquirerId * 10_000L + mti;
    }

    /**
     * Starts loading the line of the slot where the key would be, so that the miss overlaps the
     * decision's other work and misses ({@link #find} and {@link #insert} read it next).
     */
    public void touch(long a, long b) {
        int i = home(a, b) << SHIFT;
        touched += slots[i + META];
    }

    /** The slot holding the key, or -1. */
    public int find(long a, long b) {
        int i = home(a, b) << SHIFT;
        final int indexMask = (mask << SHIFT) | (STRIDE - 1);
        while ((byte) slots[i + META] != EMPTY) {
            if (slots[i + KEY_A] == a && slots[i + KEY_B] == b) {
                return i >>> SHIFT;
            }
            i = (i + STRIDE) & indexMask;
        }
        return -1;
    }

    public boolean full() {
        return size >= maxEntries;
    }

    public int size() {
        return size;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Holds open now (entries in {@link #HOLD_OPEN}); safe to read from any thread, possibly a moment late. */
    public int openHolds() {
        return (int) OPEN_HOLDS.getOpaque(this);
    }

    /** Inserts a new key (the caller checked it is absent and the table is not full); returns its slot. */
    public int insert(long a, long b, byte entryState, long nowMillis) {
        assert find(a, b) < 0 : "key already present";
        if (size >= maxEntries) {
            throw new IllegalStateException("transaction table full");
        }
        if (recent.isFull()) {
            makeFifoRoom(recent, RECENT_POSITION);
        }
        int slot = home(a, b);
        while ((byte) slots[(slot << SHIFT) + META] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        int i = slot << SHIFT;
        slots[i + KEY_A] = a;
        slots[i + KEY_B] = b;
        slots[i + META] = (entryState & 0xFFL) | ((long) -1 << 32);
        slots[i + AUTH_COUNTER] = -1;
        slots[i + PAN_HI] = 0;
        slots[i + PAN_LO] = 0;
        slots[i + AMOUNT_AND_CODE] = 0;
        slots[i + MERCHANT] = 0;
        slots[i + BALANCE] = Decision.NO_BALANCE;
        slots[i + HOLD_ID] = -1;
        slots[i + HOLD_AMOUNT] = 0;
        slots[i + CREATED] = nowMillis;
        slots[i + MATCH_KEY] = 0;
        slots[i + RECENT_POSITION] = recent.add(a, b);
        slots[i + PARKED_POSITION] = -1;
        slots[i + UNPARKED_FROM] = -1;
        countOpen(EMPTY, entryState);
        size++;
        return slot;
    }

    /** Removes the entry in the slot, shifting later entries of its probe run back. */
    public void remove(int slot) {
        assert state(slot) != EMPTY;
        unindexMatch(slot);
        size--;
        countOpen(state(slot), EMPTY);
        int hole = slot;
        int next = (hole + 1) & mask;
        while (state(next) != EMPTY) {
            int i = next << SHIFT;
            int want = home(slots[i + KEY_A], slots[i + KEY_B]);
            // Move next into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
            if (!stays) {
                System.arraycopy(slots, i, slots, hole << SHIFT, STRIDE);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[(hole << SHIFT) + META] = 0;
    }

    /**
     * Frees room for {@code needed} new entries by forgetting the oldest ones. An open hold is never
     * forgotten: it is parked until it closes (then it queues again as the newest) or expires. False
     * when every entry left is an open hold.
     */
    public boolean makeRoom(int needed) {
        while (size + needed > maxEntries) {
            int slot = liveHead(recent, RECENT_POSITION);
            if (slot < 0) {
                return false;
            }
            recent.pop();
            if (state(slot) == HOLD_OPEN) {
                park(slot);
            } else {
                remove(slot);
            }
        }
        return true;
    }

    /** The oldest remembered entry's slot (parked or not), or -1 when there is none. */
    public int oldest() {
        int r = liveHead(recent, RECENT_POSITION);
        int p = liveHead(parked, PARKED_POSITION);
        oldestIsParked = p >= 0 && (r < 0 || createdMillis(p) <= createdMillis(r));
        return oldestIsParked ? p : r;
    }

    /** Drops the entry {@link #oldest} returned from its FIFO, after the caller removed or kept it. */
    public void popOldest() {
        (oldestIsParked ? parked : recent).pop();
    }

    /** Forgets FIFO keys whose entries are gone (after removals out of age order, as in recovery). */
    public void dropStaleHeads() {
        liveHead(recent, RECENT_POSITION);
        liveHead(parked, PARKED_POSITION);
    }

    /** The fields {@link #exportEntries} writes per entry: the key through the match key (not the FIFO positions). */
    private static final int EXPORTED_FIELDS = MATCH_KEY + 1;

    /**
     * Writes every entry oldest first — the parked holds, then the rest in insertion order — as the
     * count, then per entry whether it is parked and its fields. {@link #importEntries} rebuilds the
     * same table from it.
     */
    public void exportEntries(LongSink out) {
        dropStaleHeads();
        out.put(size);
        int written = exportFifo(parked, PARKED_POSITION, true, out) + exportFifo(recent, RECENT_POSITION, false, out);
        if (written != size) {
            throw new IllegalStateException("transaction table: " + size + " entries but " + written + " in its age FIFOs");
        }
    }

    private int exportFifo(KeyFifo fifo, int positionField, boolean isParked, LongSink out) {
        int written = 0;
        for (long p = fifo.headPosition(); p < fifo.tailPosition(); p++) {
            int slot = find(fifo.a(p), fifo.b(p));
            if (slot < 0 || slots[(slot << SHIFT) + positionField] != p) {
                continue;
            }
            int i = slot << SHIFT;
            out.put(isParked ? 1 : 0);
            for (int f = 0; f < EXPORTED_FIELDS; f++) {
                out.put(slots[i + f]);
            }
            written++;
        }
        return written;
    }

    /** Rebuilds entries {@link #exportEntries} wrote, into an empty table with room for them. */
    public void importEntries(LongSource in) {
        if (size != 0) {
            throw new IllegalStateException("transaction table: import into a table that holds " + size + " entries");
        }
        long count = in.next();
        if (count < 0 || count > maxEntries) {
            throw new IllegalStateException("snapshot holds " + count + " remembered requests, more than holds.maxOpenHolds ("
                    + maxEntries + "); raise it and restart");
        }
        for (long n = 0; n < count; n++) {
            boolean isParked = in.next() == 1;
            long a = in.next();
            long b = in.next();
            long meta = in.next();
            int slot = insert(a, b, (byte) meta, 0);
            int i = slot << SHIFT;
            slots[i + META] = meta;
            for (int f = AUTH_COUNTER; f < EXPORTED_FIELDS; f++) {
                slots[i + f] = in.next();
            }
            slots[i + PARKED_POSITION] = -1;
            slots[i + UNPARKED_FROM] = -1;
            if (isParked) {
                recent.truncate(recent.tailPosition() - 1); // it was added as the newest: park it instead
                slots[i + RECENT_POSITION] = -1;
                park(slot);
            }
            if (slots[i + MATCH_KEY] != 0 && (byte) meta == HOLD_OPEN) {
                matches.put(slots[i + MATCH_KEY], a, b);
            }
        }
    }

    private void park(int slot) {
        if (parked.isFull()) {
            makeFifoRoom(parked, PARKED_POSITION);
        }
        int i = slot << SHIFT;
        slots[i + PARKED_POSITION] = parked.add(slots[i + KEY_A], slots[i + KEY_B]);
    }

    /** A parked hold closed: it is only remembered for duplicates now, and may be forgotten in its turn. */
    private void unpark(int slot) {
        if (recent.isFull()) {
            makeFifoRoom(recent, RECENT_POSITION);
        }
        int i = slot << SHIFT;
        slots[i + UNPARKED_FROM] = slots[i + PARKED_POSITION];
        slots[i + PARKED_POSITION] = -1;
        slots[i + RECENT_POSITION] = recent.add(slots[i + KEY_A], slots[i + KEY_B]);
    }

    /**
     * A close was taken back (its batch failed): the hold goes back to its place in the parked FIFO
     * when that place is still there, which it is within the batch; otherwise it stays queued as the
     * newest entry and is parked again when it reaches the head.
     */
    private void repark(int slot) {
        int i = slot << SHIFT;
        long position = slots[i + UNPARKED_FROM];
        if (position >= parked.headPosition() && position < parked.tailPosition()
                && parked.a(position) == slots[i + KEY_A] && parked.b(position) == slots[i + KEY_B]) {
            slots[i + PARKED_POSITION] = position;
            slots[i + RECENT_POSITION] = -1;
        }
        slots[i + UNPARKED_FROM] = -1;
    }

    /** The slot of the FIFO's head entry, dropping stale keys first; -1 when the FIFO has no live key. */
    private int liveHead(KeyFifo fifo, int positionField) {
        while (!fifo.isEmpty()) {
            long position = fifo.headPosition();
            int slot = find(fifo.a(position), fifo.b(position));
            if (slot >= 0 && slots[(slot << SHIFT) + positionField] == position) {
                return slot;
            }
            fifo.pop();
        }
        return -1;
    }

    /** A full FIFO holds stale keys (live ones never exceed maxEntries): drop them, compacting if needed. */
    private void makeFifoRoom(KeyFifo fifo, int positionField) {
        liveHead(fifo, positionField);
        if (!fifo.isFull()) {
            return;
        }
        long write = fifo.headPosition();
        for (long read = fifo.headPosition(); read < fifo.tailPosition(); read++) {
            long a = fifo.a(read);
            long b = fifo.b(read);
            int slot = find(a, b);
            if (slot >= 0 && slots[(slot << SHIFT) + positionField] == read) {
                fifo.set(write, a, b);
                slots[(slot << SHIFT) + positionField] = write++;
            }
        }
        fifo.truncate(write);
        if (fifo.isFull()) {
            throw new IllegalStateException("transaction table FIFO holds " + fifo.length() + " live keys, more than "
                    + maxEntries + " entries");
        }
    }

    private void countOpen(byte was, byte now) {
        int delta = (now == HOLD_OPEN ? 1 : 0) - (was == HOLD_OPEN ? 1 : 0);
        if (delta != 0) {
            OPEN_HOLDS.setOpaque(this, openHolds + delta);
        }
    }

    private int home(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return (int) h & mask;
    }

    private long meta(int slot) {
        return slots[(slot << SHIFT) + META];
    }

    private void metaByte(int slot, int shift, byte value) {
        int i = (slot << SHIFT) + META;
        slots[i] = (slots[i] & ~(0xFFL << shift)) | ((value & 0xFFL) << shift);
    }

    // Accessors for the values of a slot.
    public long keyA(int slot) { return slots[(slot << SHIFT) + KEY_A]; }
    public long keyB(int slot) { return slots[(slot << SHIFT) + KEY_B]; }
    public byte state(int slot) { return (byte) meta(slot); }
    public void state(int slot, byte s) {
        byte was = state(slot);
        countOpen(was, s);
        metaByte(slot, 0, s);
        int i = slot << SHIFT;
        if (was == HOLD_OPEN && s != HOLD_OPEN && slots[i + PARKED_POSITION] >= 0) {
            unpark(slot);
        } else if (s == HOLD_OPEN && was != HOLD_OPEN && slots[i + UNPARKED_FROM] >= 0) {
            repark(slot);
        }
    }
    public Outcome outcome(int slot) { return Outcome.ofOrdinal((byte) (meta(slot) >>> 8)); }
    public void outcome(int slot, Outcome o) { metaByte(slot, 8, (byte) o.ordinal()); }
    public byte nameResult(int slot) { return (byte) (meta(slot) >>> 16); }
    public byte cav2Result(int slot) { return (byte) (meta(slot) >>> 24); }
    public void results(int slot, byte name, byte cav2) {
        metaByte(slot, 16, name);
        metaByte(slot, 24, cav2);
    }
    public long authCounter(int slot) { return slots[(slot << SHIFT) + AUTH_COUNTER]; }
    public void authCounter(int slot, long c) { slots[(slot << SHIFT) + AUTH_COUNTER] = c; }
    public long holdId(int slot) { return slots[(slot << SHIFT) + HOLD_ID]; }
    public long holdAmount(int slot) { return slots[(slot << SHIFT) + HOLD_AMOUNT]; }
    public int accountIndex(int slot) { return (int) (meta(slot) >>> 32); }
    public void hold(int slot, long id, int account, long amount) {
        int i = slot << SHIFT;
        slots[i + HOLD_ID] = id;
        slots[i + META] = (slots[i + META] & 0xFFFF_FFFFL) | ((long) account << 32);
        slots[i + HOLD_AMOUNT] = amount;
    }
    public void holdAmount(int slot, long amount) { slots[(slot << SHIFT) + HOLD_AMOUNT] = amount; }
    public long createdMillis(int slot) { return slots[(slot << SHIFT) + CREATED]; }
    public long balance(int slot) { return slots[(slot << SHIFT) + BALANCE]; }
    public void balance(int slot, long b) { slots[(slot << SHIFT) + BALANCE] = b; }
    /** The hold's clearing match key ({@link MatchIndex#key}), 0 when none. */
    public long matchKey(int slot) { return slots[(slot << SHIFT) + MATCH_KEY]; }

    /** Indexes the open hold in {@code slot} under its clearing match key. */
    public void indexMatch(int slot, long key) {
        int i = slot << SHIFT;
        slots[i + MATCH_KEY] = key;
        matches.put(key, slots[i + KEY_A], slots[i + KEY_B]);
    }

    /** Drops the hold in {@code slot} from the clearing index (it closed); the slot keeps its key for an undo. */
    public void unindexMatch(int slot) {
        int i = slot << SHIFT;
        if (slots[i + MATCH_KEY] != 0) {
            matches.remove(slots[i + MATCH_KEY], slots[i + KEY_A], slots[i + KEY_B]);
        }
    }

    /** The slot of the open hold a clearing record names by its match key, or -1. */
    public int findMatch(long key) {
        int m = matches.find(key);
        if (m < 0) {
            return -1;
        }
        int slot = find(matches.txnA(m), matches.txnB(m));
        return slot >= 0 && state(slot) == HOLD_OPEN && matchKey(slot) == key ? slot : -1;
    }

    public int matchCount() {
        return matches.size();
    }

    /** The request content a duplicate must repeat: DE 2 (as a PAN key), DE 3, DE 4, DE 42 (as a hash). */
    public void content(int slot, long panHi, long panLo, long amountAndCode, long merchantHash) {
        int i = slot << SHIFT;
        slots[i + PAN_HI] = panHi;
        slots[i + PAN_LO] = panLo;
        slots[i + AMOUNT_AND_CODE] = amountAndCode;
        slots[i + MERCHANT] = merchantHash;
    }

    /** Copies the entry's key, content and approval code counter into the event. */
    public void describe(int slot, HoldEvent e) {
        int i = slot << SHIFT;
        e.keyA = slots[i + KEY_A];
        e.keyB = slots[i + KEY_B];
        e.panHi = slots[i + PAN_HI];
        e.panLo = slots[i + PAN_LO];
        e.amountAndCode = slots[i + AMOUNT_AND_CODE];
        e.merchantHash = slots[i + MERCHANT];
        e.authCounter = slots[i + AUTH_COUNTER];
    }

    public boolean samePan(int slot, long panHi, long panLo) {
        int i = slot << SHIFT;
        return slots[i + PAN_HI] == panHi && slots[i + PAN_LO] == panLo;
    }

    public boolean sameContent(int slot, long panHi, long panLo, long amountAndCode, long merchantHash) {
        int i = slot << SHIFT;
        return slots[i + PAN_HI] == panHi && slots[i + PAN_LO] == panLo
                && slots[i + AMOUNT_AND_CODE] == amountAndCode && slots[i + MERCHANT] == merchantHash;
    }
}
