package io.tatekae.engine;

/**
 * Recent approvals by PAN key, for a replay that has no card table of its own (the snapshot writer's):
 * per card its newest approvals, as many as the velocity rule can count. Open addressing over
 * growable arrays; single-threaded. Written to and read back from a snapshot as longs.
 */
public final class ApprovalLog implements RecentApprovals {
    private static final int INITIAL = 1 << 10;

    private final int keep;
    private long[] keys = new long[2 * INITIAL];
    /** Per slot: count | head << 8, then {@code keep} times. */
    private long[] rings;
    private int mask = INITIAL - 1;
    private int size;

    /** @param keep how many approvals to keep per card (the policy's velocityMaxApprovals) */
    public ApprovalLog(int keep) {
        if (keep < 1 || keep > 255) {
            throw new IllegalArgumentException("approvals kept per card must be 1..255, was " + keep);
        }
        this.keep = keep;
        this.rings = new long[INITIAL * (keep + 1)];
    }

    public int cards() {
        return size;
    }

    @Override
    public void record(long panHi, long panLo, long timeMillis) {
        int slot = slotOf(panHi, panLo);
        int ring = slot * (keep + 1);
        long position = rings[ring];
        int count = (int) (position & 0xFF);
        int head = (int) (position >>> 8);
        rings[ring + 1 + head] = timeMillis;
        rings[ring] = Math.min(keep, count + 1) | (long) ((head + 1) % keep) << 8;
    }

    /** Drops every approval before {@code fromMillis} (outside any velocity window that matters now). */
    public void forgetBefore(long fromMillis) {
        ApprovalLog kept = new ApprovalLog(keep);
        copyTo((hi, lo, time) -> {
            if (time >= fromMillis) {
                kept.record(hi, lo, time);
            }
        });
        keys = kept.keys;
        rings = kept.rings;
        mask = kept.mask;
        size = kept.size;
    }

    /** Records every kept approval into {@code into}, oldest first per card. */
    public void copyTo(RecentApprovals into) {
        for (int slot = 0; slot <= mask; slot++) {
            int ring = slot * (keep + 1);
            int count = (int) (rings[ring] & 0xFF);
            int head = (int) (rings[ring] >>> 8);
            for (int i = count; i > 0; i--) {
                into.record(keys[2 * slot], keys[2 * slot + 1], rings[ring + 1 + (head - i + keep) % keep]);
            }
        }
    }

    /** Writes the approvals: how many, then per approval its card's key and time, oldest first per card. */
    public void exportTo(LongSink out) {
        long[] count = {0};
        copyTo((hi, lo, time) -> count[0]++);
        out.put(count[0]);
        copyTo((hi, lo, time) -> {
            out.put(hi);
            out.put(lo);
            out.put(time);
        });
    }

    /** Reads what {@link #exportTo} wrote into {@code into}, keeping the approvals at or after {@code fromMillis}. */
    public static void importInto(LongSource in, RecentApprovals into, long fromMillis) {
        long count = in.next();
        for (long n = 0; n < count; n++) {
            long hi = in.next();
            long lo = in.next();
            long time = in.next();
            if (time >= fromMillis) {
                into.record(hi, lo, time);
            }
        }
    }

    private int slotOf(long hi, long lo) {
        int slot = home(hi, lo);
        while (rings[slot * (keep + 1)] != 0) { // a slot in use has at least one approval
            if (keys[2 * slot] == hi && keys[2 * slot + 1] == lo) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        if (2 * (size + 1) > mask + 1) {
            grow();
            return slotOf(hi, lo);
        }
        keys[2 * slot] = hi;
        keys[2 * slot + 1] = lo;
        size++;
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRings = rings;
        int oldSlots = mask + 1;
        mask = 2 * oldSlots - 1;
        keys = new long[2 * (mask + 1)];
        rings = new long[(mask + 1) * (keep + 1)];
        for (int s = 0; s < oldSlots; s++) {
            if (oldRings[s * (keep + 1)] != 0) {
                int slot = home(oldKeys[2 * s], oldKeys[2 * s + 1]);
                while (rings[slot * (keep + 1)] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[2 * slot] = oldKeys[2 * s];
                keys[2 * slot + 1] = oldKeys[2 * s + 1];
                System.arraycopy(oldRings, s * (keep + 1), rings, slot * (keep + 1), keep + 1);
            }
        }
    }

    private int home(long hi, long lo) {
        long h = hi ^ lo * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
