package io.tatekae.bench.load;

/**
 * Approvals answered {@code 00} and not yet reversed, oldest first: the receiver offers, the sender
 * polls (each approval is reversed at most once). Bounded: when full, the oldest are forgotten.
 */
final class ApprovedRing {
    private final int[] stans;
    private final long[] de7s;
    private final int[] cards;
    private long head;
    private long tail;

    // The last polled entry (sender thread only).
    int stan;
    long de7;
    int card;

    ApprovedRing(int capacity) {
        stans = new int[capacity];
        de7s = new long[capacity];
        cards = new int[capacity];
    }

    synchronized void offer(int stan, long de7, int card) {
        if (tail - head == stans.length) {
            head++;
        }
        int i = (int) (tail++ % stans.length);
        stans[i] = stan;
        de7s[i] = de7;
        cards[i] = card;
    }

    synchronized boolean poll() {
        if (head == tail) {
            return false;
        }
        int i = (int) (head++ % stans.length);
        stan = stans[i];
        de7 = de7s[i];
        card = cards[i];
        return true;
    }
}
