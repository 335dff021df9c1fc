package io.tatekae.state;

import java.util.Arrays;

/** Times (epoch millis) of a card's most recent approved purchases, newest overwriting the oldest. */
public final class VelocityRing {
    public static final int CAPACITY = 32;

    private final long[] times = new long[CAPACITY];
    private int count;
    private int head;

    public int count() {
        return count;
    }

    /** Index where the next purchase will be written. */
    public int head() {
        return head;
    }

    public void record(long epochMillis) {
        times[head] = epochMillis;
        head = (head + 1) % CAPACITY;
        if (count < CAPACITY) {
            count++;
        }
    }

    /** The time the next {@link #record} overwrites (0 while the ring is not full): keep it to take that record back. */
    public long displaced() {
        return times[head];
    }

    /**
     * Takes back the newest record (a purchase whose approval could not be made durable), given the
     * count before it and the time it displaced.
     */
    public void unrecord(int countBefore, long displacedTime) {
        if (count == 0 || countBefore < 0 || countBefore > count) {
            throw new IllegalStateException("velocity ring: cannot take back to " + countBefore + " of " + count);
        }
        head = (head - 1 + CAPACITY) % CAPACITY;
        times[head] = displacedTime;
        count = countBefore;
    }

    /** The i-th most recent purchase time, 0 = newest. */
    public long recent(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("purchase " + i + " outside 0.." + (count - 1));
        }
        return times[(head - 1 - i + CAPACITY) % CAPACITY];
    }

    /** How many recorded purchases happened at or after {@code fromEpochMillis}. */
    public int countSince(long fromEpochMillis) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (recent(i) >= fromEpochMillis) {
                n++;
            }
        }
        return n;
    }

    public void clear() {
        Arrays.fill(times, 0);
        count = 0;
        head = 0;
    }

    public void copyFrom(VelocityRing other) {
        System.arraycopy(other.times, 0, times, 0, CAPACITY);
        count = other.count;
        head = other.head;
    }

    public boolean sameAs(VelocityRing o) {
        return count == o.count && head == o.head && Arrays.equals(times, o.times);
    }

    long rawTime(int slot) {
        return times[slot];
    }

    void load(int slot, long epochMillis) {
        times[slot] = epochMillis;
    }

    void loadedPosition(int count, int head) {
        if (count < 0 || count > CAPACITY || head < 0 || head >= CAPACITY) {
            throw new IllegalStateException("velocity ring count " + count + "/head " + head + " out of range in state store");
        }
        this.count = count;
        this.head = head;
    }
}
