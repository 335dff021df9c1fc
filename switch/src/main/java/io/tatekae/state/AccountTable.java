package io.tatekae.state;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The decision thread's in-memory copy of what an authorization reads and writes of an account, by
 * its dense index: credit limit, outstanding, open holds, status, plan and the id (for the journal),
 * all in one cache line. Money changes are made here only (the journal is their record; {@link #dirty}
 * tells which accounts differ from the state files). Grows by doubling (provisioning only); nothing is
 * allocated on the request path. Single-threaded except {@link #size}.
 */
public final class AccountTable {
    private static final int SHIFT = 3;
    private static final int STRIDE = 1 << SHIFT;
    private static final int CREDIT_LIMIT = 0;
    private static final int OUTSTANDING = 1;
    private static final int OPEN_HOLDS = 2;
    /** status | plan << 8 | id length << 16 */
    private static final int META = 3;
    /** The id's 16 ASCII bytes, little endian, in two longs. */
    private static final int ID = 4;
    private static final int INITIAL = 1 << 10;

    private final int maxAccounts;
    private long[] fields = new long[INITIAL << SHIFT];
    private final BitSet dirty;
    private volatile int size;
    /** What {@link #touch} read: kept only so that the compiler keeps the load. */
    private long touched;

    public AccountTable(int maxAccounts) {
        if (maxAccounts < 1 || maxAccounts > Integer.MAX_VALUE >> SHIFT) {
            throw new IllegalArgumentException("max accounts must be 1.." + (Integer.MAX_VALUE >> SHIFT) + ", was " + maxAccounts);
        }
        this.maxAccounts = maxAccounts;
        this.dirty = new BitSet(maxAccounts); // sized now: setting a bit never allocates on the request path
    }

    public int size() {
        return size;
    }

    public boolean exists(int index) {
        return index >= 0 && index < size;
    }

    /** Sets every field from the holder; its index must be the next one (a new account) or an existing one. */
    public void put(AccountState a) {
        int index = a.index();
        if (index < 0 || index > size || index >= maxAccounts) {
            throw new IllegalArgumentException("account index " + index + " is not in 0.." + size);
        }
        if (index == size) {
            ensureRoom(index + 1);
            size = index + 1;
        }
        int i = index << SHIFT;
        fields[i + CREDIT_LIMIT] = a.creditLimit();
        fields[i + OUTSTANDING] = a.outstanding();
        fields[i + OPEN_HOLDS] = a.openHolds();
        fields[i + META] = (a.status().code() & 0xFFL) | ((a.plan().code() & 0xFFL) << 8) | ((long) a.id().length() << 16);
        fields[i + ID] = packId(a.id().array(), 0);
        fields[i + ID + 1] = packId(a.id().array(), Long.BYTES);
        dirty.clear(index);
    }

    private void ensureRoom(int accounts) {
        if (accounts << SHIFT > fields.length) {
            int capacity = (int) Math.min(maxAccounts, 2L * fields.length >>> SHIFT);
            capacity = Math.max(capacity, accounts);
            fields = Arrays.copyOf(fields, capacity << SHIFT);
        }
    }

    /** Overwrites the holder's money fields, status and plan with this table's (the rest it does not keep). */
    public void copyMoneyTo(int index, AccountState into) {
        into.creditLimit(creditLimit(index)).outstanding(outstanding(index)).openHolds(openHolds(index))
                .status(status(index)).plan(plan(index));
    }

    public long creditLimit(int index) {
        return fields[(index << SHIFT) + CREDIT_LIMIT];
    }

    public long outstanding(int index) {
        return fields[(index << SHIFT) + OUTSTANDING];
    }

    public void outstanding(int index, long yen) {
        fields[(index << SHIFT) + OUTSTANDING] = yen;
        dirty.set(index);
    }

    /** Starts loading the account's line (see {@link CardTable#touch}). */
    public void touch(int index) {
        touched += fields[index << SHIFT];
    }

    public long openHolds(int index) {
        return fields[(index << SHIFT) + OPEN_HOLDS];
    }

    public void openHolds(int index, long yen) {
        fields[(index << SHIFT) + OPEN_HOLDS] = yen;
        dirty.set(index);
    }

    public AccountStatus status(int index) {
        return AccountStatus.ofCode((byte) fields[(index << SHIFT) + META]);
    }

    public AccountPlan plan(int index) {
        return AccountPlan.ofCode((byte) (fields[(index << SHIFT) + META] >>> 8));
    }

    /** Copies the account id into {@code to}; returns its length. */
    public int copyId(int index, byte[] to) {
        int i = index << SHIFT;
        int length = Math.min(to.length, (int) ((fields[i + META] >>> 16) & 0xFF));
        for (int b = 0; b < length; b++) {
            to[b] = (byte) (fields[i + ID + (b >>> 3)] >>> ((b & 7) << 3));
        }
        return length;
    }

    private static long packId(byte[] id, int from) {
        long packed = 0;
        for (int b = 0; b < Long.BYTES; b++) {
            packed |= (id[from + b] & 0xFFL) << (b << 3);
        }
        return packed;
    }

    /** Accounts whose money changed here since they were last put (to be written back to the state files). */
    public BitSet dirty() {
        return dirty;
    }
}
