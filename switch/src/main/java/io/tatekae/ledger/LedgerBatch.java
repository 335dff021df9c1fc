package io.tatekae.ledger;

import io.tatekae.journal.JournalRecord;

/** A reusable, bounded batch of journal records (copies) to apply in one ledger transaction. */
public final class LedgerBatch {
    private final JournalRecord[] records;
    private int size;

    public LedgerBatch(int capacity) {
        if (capacity < 1 || capacity > 10_000) {
            throw new IllegalArgumentException("ledger batch capacity: " + capacity + " must be 1..10000");
        }
        records = new JournalRecord[capacity];
        for (int i = 0; i < capacity; i++) {
            records[i] = new JournalRecord();
        }
    }

    /** Copies the record in (it must carry its journal sequence). */
    public void add(JournalRecord record) {
        if (size == records.length) {
            throw new IllegalStateException("ledger batch full at " + records.length + " records");
        }
        records[size++].copyFrom(record);
    }

    public JournalRecord get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException("ledger batch has " + size + " records, asked for " + index);
        }
        return records[index];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return records.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == records.length;
    }

    public long lastSequence() {
        return size == 0 ? 0 : records[size - 1].sequence();
    }

    public void clear() {
        size = 0;
    }
}
