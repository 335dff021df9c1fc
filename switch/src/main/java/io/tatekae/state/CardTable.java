package io.tatekae.state;

import java.util.Arrays;

/**
 * The decision thread's in-memory copy of what an authorization reads and writes of a card, keyed by
 * its {@link PanKey}: status, expiry, limit and account in the key's own cache line, then the
 * canonical name form and masked PAN, and the recent approvals (velocity), which live here only (the
 * journal rebuilds them at start). No PAN, no CAV2.
 * <p>
 * Open addressing with linear probing over one {@code long[]} of 8 longs per slot; cards are never
 * removed, so there is no deletion. Grows by doubling (provisioning only) up to twice the maximum
 * number of cards; nothing is allocated on the request path. Single-threaded except {@link #size}.
 */
public final class CardTable {
    public static final int FORM_BYTES = 96;
    /** Every card's name form must be addressable in one byte array. */
    public static final int MAX_CARDS = Integer.MAX_VALUE / FORM_BYTES;
    private static final int CANONICAL_OFFSET = 0;
    private static final int MASKED_OFFSET = CardState.NAME_CANONICAL_CAPACITY;
    private static final int SHIFT = 3;
    private static final int STRIDE = 1 << SHIFT;
    private static final int PAN_HI = 0;
    private static final int PAN_LO = 1;
    /** account index | status << 32 | expiry YYMM << 40 | OCCUPIED */
    private static final int META = 2;
    private static final int LIMIT = 3;
    /** card number | velocity count << 32 | velocity head << 40 */
    private static final int NUMBER = 4;
    /** canonical form length | masked PAN length << 8 */
    private static final int LENGTHS = 5;
    private static final long OCCUPIED = 1L << 63;
    private static final int INITIAL_SLOTS = 1 << 10;

    private final int maxCards;
    private final int velocitySlots;
    private long[] slots;
    private int mask;
    private long[] velocity;
    private byte[] forms;
    private volatile int size;
    /** What {@link #touch} read: kept only so that the compiler keeps those loads. */
    private long touched;

    /**
     * @param maxCards      how many cards may be added
     * @param velocitySlots recent approvals kept per card (the policy's maximum per window, 1..32)
     */
    public CardTable(int maxCards, int velocitySlots) {
        if (maxCards < 1 || maxCards > MAX_CARDS) {
            throw new IllegalArgumentException("max cards must be 1.." + MAX_CARDS + ", was " + maxCards);
        }
        if (velocitySlots < 1 || velocitySlots > VelocityRing.CAPACITY) {
            throw new IllegalArgumentException("velocity slots must be 1.." + VelocityRing.CAPACITY + ", was " + velocitySlots);
        }
        this.maxCards = maxCards;
        this.velocitySlots = velocitySlots;
        allocate(INITIAL_SLOTS, INITIAL_SLOTS / 2);
    }

    private void allocate(int slotCount, int numbers) {
        slots = new long[slotCount << SHIFT];
        mask = slotCount - 1;
        velocity = velocity == null ? new long[numbers * velocitySlots] : Arrays.copyOf(velocity, numbers * velocitySlots);
        forms = forms == null ? new byte[numbers * FORM_BYTES] : Arrays.copyOf(forms, numbers * FORM_BYTES);
    }

    public int size() {
        return size;
    }

    /** The slot of the card with this key, or -1. */
    public int find(long panHi, long panLo) {
        int i = home(panHi, panLo) << SHIFT;
        int indexMask = (mask << SHIFT) | (STRIDE - 1);
        while (slots[i + META] != 0) {
            if (slots[i + PAN_HI] == panHi && slots[i + PAN_LO] == panLo) {
                return i >>> SHIFT;
            }
            i = (i + STRIDE) & indexMask;
        }
        return -1;
    }

    /** Starts loading the slot line where the card with this key would be ({@link #find} reads it next). */
    public void touchHome(long panHi, long panLo) {
        touched += slots[(home(panHi, panLo) << SHIFT) + META];
    }

    /**
     * Starts loading what a decision reads of this card later, its name form and the velocity ring's
     * slot at its head (the oldest approval once the ring is full, and where the next one goes), so
     * that those cache misses overlap each other and the account's instead of following one another.
     */
    public void touch(int slot) {
        int number = number(slot);
        int form = number * FORM_BYTES;
        touched += forms[form] + forms[form + FORM_BYTES - 1] + velocity[number * velocitySlots + velocityHead(slot)];
    }

    /** Adds the card or replaces its attributes (velocity is kept); returns its slot. */
    public int put(CardState card) {
        long hi = card.panKey().hi();
        long lo = card.panKey().lo();
        int slot = find(hi, lo);
        if (slot < 0) {
            if (size >= maxCards) {
                throw new StoreFullException("card table is full: " + maxCards + " cards");
            }
            if (2 * (size + 1) > mask + 1) {
                grow();
            }
            slot = home(hi, lo);
            while (slots[(slot << SHIFT) + META] != 0) {
                slot = (slot + 1) & mask;
            }
            int i = slot << SHIFT;
            slots[i + PAN_HI] = hi;
            slots[i + PAN_LO] = lo;
            slots[i + NUMBER] = size;
            size = size + 1;
        }
        setAttributes(slot, card);
        return slot;
    }

    private void setAttributes(int slot, CardState card) {
        int i = slot << SHIFT;
        slots[i + META] = (card.accountIndex() & 0xFFFF_FFFFL) | ((card.status().code() & 0xFFL) << 32)
                | ((card.expiryYymm() & 0xFFFFL) << 40) | OCCUPIED;
        slots[i + LIMIT] = card.limit();
        int form = number(slot) * FORM_BYTES;
        Arrays.fill(forms, form, form + FORM_BYTES, (byte) 0);
        System.arraycopy(card.nameCanonical().array(), 0, forms, form + CANONICAL_OFFSET, card.nameCanonical().length());
        System.arraycopy(card.maskedPan().array(), 0, forms, form + MASKED_OFFSET, card.maskedPan().length());
        slots[i + LENGTHS] = card.nameCanonical().length() | ((long) card.maskedPan().length() << 8);
    }

    /** Doubles the slots (rehashing) and the per-card arrays; provisioning only. */
    private void grow() {
        int slotCount = (mask + 1) * 2;
        if (slotCount > Integer.highestOneBit(maxCards * 2 - 1) << 1) {
            return; // already twice the maximum number of cards
        }
        long[] old = slots;
        allocate(slotCount, Math.min(maxCards, slotCount / 2));
        for (int i = 0; i < old.length; i += STRIDE) {
            if (old[i + META] != 0) {
                int slot = home(old[i + PAN_HI], old[i + PAN_LO]);
                while (slots[(slot << SHIFT) + META] != 0) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, i, slots, slot << SHIFT, STRIDE);
            }
        }
    }

    /** Copies the slot's attributes and velocity into the holder (the names it does not keep are left alone). */
    public void copyTo(int slot, CardState into) {
        into.panKey().set(slots[(slot << SHIFT) + PAN_HI], slots[(slot << SHIFT) + PAN_LO]);
        into.accountIndex(accountIndex(slot)).status(status(slot)).expiryYymm(expiryYymm(slot)).limit(limit(slot));
        into.velocity().clear();
        int count = velocityCount(slot);
        for (int i = count - 1; i >= 0; i--) {
            into.velocity().record(recentApproval(slot, i));
        }
    }

    public int accountIndex(int slot) {
        return (int) slots[(slot << SHIFT) + META];
    }

    public CardStatus status(int slot) {
        return CardStatus.ofCode((byte) (slots[(slot << SHIFT) + META] >>> 32));
    }

    public int expiryYymm(int slot) {
        return (int) ((slots[(slot << SHIFT) + META] >>> 40) & 0xFFFF);
    }

    public long limit(int slot) {
        return slots[(slot << SHIFT) + LIMIT];
    }

    /** The array holding the card's canonical name form at {@link #nameFormOffset}. */
    public byte[] forms() {
        return forms;
    }

    public int nameFormOffset(int slot) {
        return number(slot) * FORM_BYTES + CANONICAL_OFFSET;
    }

    public int nameFormLength(int slot) {
        return (int) (slots[(slot << SHIFT) + LENGTHS] & 0xFF);
    }

    /** Copies the masked PAN into {@code to}; returns its length. */
    public int copyMaskedPan(int slot, byte[] to) {
        int length = Math.min(to.length, (int) ((slots[(slot << SHIFT) + LENGTHS] >>> 8) & 0xFF));
        System.arraycopy(forms, number(slot) * FORM_BYTES + MASKED_OFFSET, to, 0, length);
        return length;
    }

    // Velocity: the card's most recent approvals, newest overwriting the oldest.

    public int velocityCount(int slot) {
        return (int) ((slots[(slot << SHIFT) + NUMBER] >>> 32) & 0xFF);
    }

    private int velocityHead(int slot) {
        return (int) ((slots[(slot << SHIFT) + NUMBER] >>> 40) & 0xFF);
    }

    private void velocityPosition(int slot, int count, int head) {
        int i = (slot << SHIFT) + NUMBER;
        slots[i] = (slots[i] & 0xFFFF_FFFFL) | ((long) count << 32) | ((long) head << 40);
    }

    /** The i-th most recent approval time, 0 = newest. */
    public long recentApproval(int slot, int i) {
        int head = velocityHead(slot);
        return velocity[number(slot) * velocitySlots + (head - 1 - i + velocitySlots) % velocitySlots];
    }

    /**
     * Whether at least {@code max} of the kept approvals happened at or after {@code fromMillis}. The
     * ring is not read while fewer than {@code max} are kept; otherwise it is read oldest first, up to
     * the entry that settles the answer (usually the oldest).
     */
    public boolean approvalsReached(int slot, long fromMillis, int max) {
        int count = velocityCount(slot);
        if (count < max || max <= 0) {
            return max <= 0;
        }
        int inWindow = 0;
        int outside = 0;
        for (int i = count - 1; i >= 0; i--) {
            if (recentApproval(slot, i) >= fromMillis) {
                if (++inWindow >= max) {
                    return true;
                }
            } else if (++outside > count - max) {
                return false;
            }
        }
        return false;
    }

    /** The time the next {@link #recordApproval} overwrites (0 while not full): keep it to take that back. */
    public long displacedApproval(int slot) {
        return velocity[number(slot) * velocitySlots + velocityHead(slot)];
    }

    public void recordApproval(int slot, long timeMillis) {
        int head = velocityHead(slot);
        velocity[number(slot) * velocitySlots + head] = timeMillis;
        velocityPosition(slot, Math.min(velocitySlots, velocityCount(slot) + 1), (head + 1) % velocitySlots);
    }

    /** Takes back the newest approval, given the count before it and the time it displaced. */
    public void unrecordApproval(int slot, int countBefore, long displacedTime) {
        int count = velocityCount(slot);
        if (count == 0 || countBefore < 0 || countBefore > count) {
            throw new IllegalStateException("velocity: cannot take back to " + countBefore + " of " + count);
        }
        int head = (velocityHead(slot) - 1 + velocitySlots) % velocitySlots;
        velocity[number(slot) * velocitySlots + head] = displacedTime;
        velocityPosition(slot, countBefore, head);
    }

    private int number(int slot) {
        return (int) slots[(slot << SHIFT) + NUMBER];
    }

    private int home(long hi, long lo) {
        long h = hi ^ lo * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
