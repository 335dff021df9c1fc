package io.tatekae.bench.restart;

/** A growing FIFO of holds waiting to close: each its hold id and the journal record index it is due at. */
final class HoldQueue {
    private long[] holds = new long[1 << 12];
    private long[] due = new long[1 << 12];
    private int head;
    private int size;

    void add(long holdId, long dueIndex) {
        if (size == holds.length) {
            grow();
        }
        int at = (head + size) & (holds.length - 1);
        holds[at] = holdId;
        due[at] = dueIndex;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The head's due index; Long.MAX_VALUE when empty. */
    long headDue() {
        return size == 0 ? Long.MAX_VALUE : due[head];
    }

    long pop() {
        assert size > 0;
        long id = holds[head];
        head = (head + 1) & (holds.length - 1);
        size--;
        return id;
    }

    private void grow() {
        long[] h = new long[holds.length * 2];
        long[] d = new long[due.length * 2];
        for (int i = 0; i < size; i++) {
            h[i] = holds[(head + i) & (holds.length - 1)];
            d[i] = due[(head + i) & (holds.length - 1)];
        }
        holds = h;
        due = d;
        head = 0;
    }
}
