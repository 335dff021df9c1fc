package io.tatekae.ledger;

import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.PointsPlan;

import java.util.function.Consumer;

/** Builds journal-like batches with contiguous sequences for ledger tests. */
final class LedgerFeed {
    static final long T0 = 1_790_000_000_000L;
    private final JournalRecord record = new JournalRecord();
    private long nextSequence = 1;

    LedgerBatch batch(int capacity) {
        return new LedgerBatch(capacity);
    }

    long nextSequence() {
        return nextSequence;
    }

    LedgerFeed add(LedgerBatch batch, JournalRecordType type, long holdId, String account, long amount, PointsPlan plan,
                   long eventTime) {
        record.clear().type(type).holdId(holdId).accountId(account).accountIndex(account.hashCode() & 0xffff)
                .amount(amount).plan(plan).eventTimeMillis(eventTime).authCode("A1B2C3").rrn("000000123456").stan(1)
                .maskedPan("354000******0001").sequence(nextSequence++);
        batch.add(record);
        return this;
    }

    LedgerFeed add(LedgerBatch batch, JournalRecordType type, long holdId, String account, long amount) {
        return add(batch, type, holdId, account, amount, PointsPlan.STANDARD, T0);
    }

    /** A record filled by {@code fill} after the usual defaults (account A1... are set by the caller). */
    LedgerFeed add(LedgerBatch batch, Consumer<JournalRecord> fill) {
        record.clear().eventTimeMillis(T0).plan(PointsPlan.STANDARD).maskedPan("354099******0001");
        fill.accept(record);
        record.sequence(nextSequence++);
        batch.add(record);
        return this;
    }

    /** One record in a batch of its own. */
    LedgerBatch one(JournalRecordType type, long holdId, String account, long amount) {
        LedgerBatch batch = new LedgerBatch(1);
        add(batch, type, holdId, account, amount);
        return batch;
    }
}
