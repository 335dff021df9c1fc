package io.tatekae.bench.ledger;

import io.tatekae.engine.EngineRecovery;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.PolicySettings;
import io.tatekae.engine.TxnTable;
import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.PointsPlan;
import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.LiveState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How long a restart takes to rebuild the switch's memory from a journal of N open holds: open the
 * journal (torn-tail check), read every record, and apply it to the engine's recovery (transaction
 * table, account open holds, counters). Usage: {@code RecoveryTime [holds] [accounts]}
 * (default 1,000,000 holds over 10,000 accounts).
 */
public final class RecoveryTime {
    private static final long DAY = 86_400_000L;

    private RecoveryTime() {
    }

    public static void main(String[] args) throws IOException {
        int holds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("tatekae-recovery-bench-");
        try {
            long now = System.currentTimeMillis();
            JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0);
            try (JournalWriter writer = JournalWriter.open(journal)) {
                writeHolds(writer, holds, accounts, now);
            }
            long journalBytes;
            try (Stream<Path> files = Files.list(journal.directory())) {
                journalBytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            try (ChronicleStateStore store = new ChronicleStateStore(dir, accounts, accounts)) {
                addAccounts(store, accounts);
                long start = System.nanoTime();
                long upTo;
                try (JournalWriter writer = JournalWriter.open(journal)) {
                    upTo = writer.committedSequence();
                }
                TxnTable txns = new TxnTable(holds + holds / 8);
                PolicySettings policy = PolicySettings.builder().build();
                LiveState live = new LiveState(store, accounts, accounts, policy.velocityMaxApprovals());
                EngineRecovery recovery = new EngineRecovery(live, txns, policy, now);
                HoldEvent event = new HoldEvent();
                try (JournalReader reader = JournalReader.open(journal.directory(), 1)) {
                    while (reader.nextSequence() <= upTo && reader.poll(r -> {
                        if (JournalMoneyLog.toEvent(r, event)) {
                            recovery.apply(event);
                        }
                    }, 4096, upTo) > 0) {
                        // replaying
                    }
                }
                EngineSeed seed = recovery.finish(new EngineSeed(1, 0), live.accounts());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("recovered %,d open holds (%,d journal records, %,d MiB) over %,d accounts in %.2f s"
                                + " = %,.0f records/s; next hold id %d; table %,d entries%n",
                        holds, upTo, journalBytes >> 20, accounts, seconds, upTo / seconds, seed.nextHoldId(), txns.size());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void writeHolds(JournalWriter writer, int holds, int accounts, long now) {
        JournalRecord r = new JournalRecord();
        for (int i = 1; i <= holds; i++) {
            int account = i % accounts;
            r.clear().type(JournalRecordType.HOLD_PLACED).holdId(i).accountIndex(account)
                    .accountId("A" + account).amount(1 + i % 50).plan(PointsPlan.STANDARD)
                    // Spread over the hold lifetime; most are older than the velocity window.
                    .eventTimeMillis(now - (long) (6.9 * DAY) + (long) i * (long) (6.8 * DAY) / holds)
                    .maskedPan("354099******0001").authCode("A" + String.format("%05d", i % 100_000))
                    .requestKey(TxnTable.keyA(1_123_000_000L + i / 1_000_000, i % 1_000_000), TxnTable.keyB(123_456, 100))
                    .requestContent(i, -i, 100L * 1_000_000, 42).authCounter(i);
            writer.append(r);
            if (i % 1024 == 0) {
                writer.commit();
            }
        }
        writer.commit();
    }

    private static void addAccounts(ChronicleStateStore store, int accounts) {
        AccountState a = new AccountState();
        for (int i = 0; i < accounts; i++) {
            a.id().set("A" + i);
            a.plan(AccountPlan.STANDARD).status(AccountStatus.GOOD).kycVerified(true).creditLimit(10_000_000).outstanding(0).openHolds(0);
            store.addAccount(a);
        }
    }
}
