package io.tatekae.bench.load;

/**
 * The holds the tester has opened on the server and not reversed: approvals and advices answered
 * {@code 00} (offered by the receivers), and approvals and advices that timed out, whose outcome is
 * unknown. The mix's reversals take the oldest answered ones; after each phase the settle step
 * reverses every one left (0400 for an answered one, 0420 for an unknown one, as a network does
 * for a timed-out 0100), so the server's open holds never pile up over a session. Bounded: when a
 * queue is full its oldest entry is forgotten, and counted.
 */
final class OpenHolds {
    private final Queue answered;
    private final Queue uncertain;
    private long forgotten;

    // The entry last peeked or polled (sender thread only).
    int stan;
    long de7;
    int card;
    /** MTI of the original: 100 or 120. */
    int mti;

    OpenHolds(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, not " + capacity);
        }
        answered = new Queue(capacity);
        uncertain = new Queue(capacity);
    }

    /** Sizes the queues for the most approvals and advices one phase can open: a power of two, 2^16..2^24. */
    static int capacityFor(long holdsPerPhase) {
        long c = Math.max(1 << 16, Math.min(1 << 24, holdsPerPhase));
        return (int) Long.highestOneBit(c - 1) << 1;
    }

    synchronized void answered(int stan, long de7, int card, int mti) {
        if (!answered.offer(stan, de7, card, mti)) {
            forgotten++;
        }
    }

    synchronized void uncertain(int stan, long de7, int card, int mti) {
        if (!uncertain.offer(stan, de7, card, mti)) {
            forgotten++;
        }
    }

    /** Reads the oldest answered hold into the fields without taking it; false when there is none. */
    synchronized boolean peekAnswered() {
        return answered.peek(this);
    }

    /** Takes the entry {@link #peekAnswered} read. */
    synchronized void dropAnswered() {
        answered.drop();
    }

    /** Takes the oldest hold of unknown outcome into the fields; false when there is none. */
    synchronized boolean pollUncertain() {
        if (!uncertain.peek(this)) {
            return false;
        }
        uncertain.drop();
        return true;
    }

    synchronized long answeredCount() {
        return answered.size();
    }

    synchronized long uncertainCount() {
        return uncertain.size();
    }

    /** Holds that fell out of a full queue: they stay open on the server. */
    synchronized long forgotten() {
        return forgotten;
    }

    private static final class Queue {
        private final int[] stans;
        private final long[] de7s;
        private final int[] cards;
        private final short[] mtis;
        private final int mask;
        private long head;
        private long tail;

        Queue(int capacity) {
            stans = new int[capacity];
            de7s = new long[capacity];
            cards = new int[capacity];
            mtis = new short[capacity];
            mask = capacity - 1;
        }

        /** False when the oldest entry had to go to make room. */
        boolean offer(int stan, long de7, int card, int mti) {
            boolean room = tail - head < stans.length;
            if (!room) {
                head++;
            }
            int i = (int) (tail++ & mask);
            stans[i] = stan;
            de7s[i] = de7;
            cards[i] = card;
            mtis[i] = (short) mti;
            return room;
        }

        boolean peek(OpenHolds into) {
            if (head == tail) {
                return false;
            }
            int i = (int) (head & mask);
            into.stan = stans[i];
            into.de7 = de7s[i];
            into.card = cards[i];
            into.mti = mtis[i];
            return true;
        }

        void drop() {
            assert head < tail;
            head++;
        }

        long size() {
            return tail - head;
        }
    }
}
