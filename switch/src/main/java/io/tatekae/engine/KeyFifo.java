package io.tatekae.engine;

/**
 * A ring of transaction keys (a, b) in insertion order, interleaved in one array so that reading
 * the head touches one cache line. Every key added gets the next position (a long that only grows);
 * the table stores that position with its entry, so a key whose entry has gone, or has been added
 * again further back, is recognised as stale when it reaches the head. Single-threaded; allocates
 * nothing after construction.
 */
final class KeyFifo {
    private final long[] keys;
    private final int capacity;
    private long head;
    private long tail;

    KeyFifo(int capacity) {
        this.capacity = capacity;
        this.keys = new long[2 * capacity];
    }

    boolean isEmpty() {
        return head == tail;
    }

    boolean isFull() {
        return tail - head == capacity;
    }

    long length() {
        return tail - head;
    }

    /** Appends the key; returns its position. */
    long add(long a, long b) {
        assert !isFull() : "key FIFO overrun";
        long position = tail++;
        int i = index(position);
        keys[i] = a;
        keys[i + 1] = b;
        return position;
    }

    long headPosition() {
        return head;
    }

    long tailPosition() {
        return tail;
    }

    long a(long position) {
        return keys[index(position)];
    }

    long b(long position) {
        return keys[index(position) + 1];
    }

    void pop() {
        assert !isEmpty();
        head++;
    }

    /** Overwrites the key at a position between head and tail (compaction). */
    void set(long position, long a, long b) {
        int i = index(position);
        keys[i] = a;
        keys[i + 1] = b;
    }

    /** Forgets every position from {@code newTail} on (compaction). */
    void truncate(long newTail) {
        assert newTail >= head && newTail <= tail;
        tail = newTail;
    }

    private int index(long position) {
        return (int) (position % capacity) * 2;
    }
}
