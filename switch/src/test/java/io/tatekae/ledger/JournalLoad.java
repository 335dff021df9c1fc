package io.tatekae.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.PointsPlan;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Writes a deterministic stream of holds and captures into a real journal and knows the balances it must produce. */
final class JournalLoad {
    static final int ACCOUNTS = 10;
    private final JournalRecord record = new JournalRecord();
    private final Map<String, long[]> expected = new HashMap<>();
    private long records;

    /** Holds {@code from..to}; every 5th also captures the hold placed 2 before it. Commits every 50 records. */
    void write(JournalWriter writer, long from, long to) {
        for (long hold = from; hold <= to; hold++) {
            append(writer, JournalRecordType.HOLD_PLACED, hold, 100 + hold % 1000);
            if (hold % 5 == 0 && hold - 2 >= 1) {
                append(writer, JournalRecordType.HOLD_CAPTURED, hold - 2, 90 + (hold - 2) % 1000);
            }
            if (records % 50 == 0) {
                writer.commit();
            }
        }
        writer.commit();
    }

    long records() {
        return records;
    }

    void assertLedgerMatches(Ledger ledger) {
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            AccountBalance balance = ledger.balance(e.getKey());
            assertEquals(e.getValue()[0], balance.openHolds(), "open holds of " + e.getKey());
            assertEquals(e.getValue()[1], balance.posted(), "posted of " + e.getKey());
        }
    }

    private void append(JournalWriter writer, JournalRecordType type, long hold, long amount) {
        String account = "ACC" + hold % ACCOUNTS;
        record.clear().type(type).holdId(hold).accountId(account).amount(amount).plan(PointsPlan.STANDARD)
                .eventTimeMillis(LedgerFeed.T0).maskedPan("354000******0001");
        writer.append(record);
        records++;
        long[] balance = expected.computeIfAbsent(account, a -> new long[2]);
        if (type == JournalRecordType.HOLD_PLACED) {
            balance[0] += amount;
        } else {
            balance[0] -= 100 + hold % 1000;
            balance[1] += amount;
        }
    }

    static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
