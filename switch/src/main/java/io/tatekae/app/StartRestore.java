package io.tatekae.app;

import io.tatekae.billing.BillingEvent;
import io.tatekae.billing.BillingRecovery;
import io.tatekae.billing.BillingSettings;
import io.tatekae.billing.BillingState;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.EngineRecovery;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.PolicySettings;
import io.tatekae.engine.TxnTable;
import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalBillingLog;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalException;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalReader;
import io.tatekae.snapshot.SnapshotReader;
import io.tatekae.snapshot.Snapshots;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.LiveState;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The switch's start, up to the engine: the state store as it opens it, the journal's configuration,
 * and the restore step — the newest valid snapshot (engine, approvals, billing), then every committed
 * journal record after it, into a fresh transaction table and billing state. The switch and the
 * restart benchmark (benchmarks' RestartTime) both call these, so what the benchmark times is the start.
 */
public final class StartRestore {
    private static final System.Logger LOG = System.getLogger(StartRestore.class.getName());
    private static final int REPLAY_BATCH = 4096;
    private static final long BATCH_FSYNC_INTERVAL_MS = 10;

    /**
     * What the restore rebuilt, and where from.
     *
     * @param snapshotSequence the journal sequence of the snapshot it started from, or 0 without one
     * @param replayedFrom     the first journal record replayed (1 without a snapshot)
     * @param replayedTo       the last committed record at the start (the last one replayed)
     * @param snapshotNanos    finding, verifying and loading the snapshot
     * @param replayNanos      replaying the journal after it and setting each account's totals
     */
    public record Restored(TxnTable txns, EngineRecovery recovery, BillingState billing, EngineSeed seed,
                           long snapshotSequence, long replayedFrom, long replayedTo, long snapshotNanos,
                           long replayNanos, String billingFixed) {
    }

    private StartRestore() {
    }

    /** The journal as the switch opens it (folder, segment size, batch limit, fsync policy). */
    public static JournalConfig journal(SwitchConfig config) {
        return new JournalConfig(config.data().journalDir(), config.journal().segmentBytes(),
                Math.max(JournalConfig.DEFAULT_MAX_BATCH_RECORDS, config.pipeline().maxBatch()),
                switch (config.journal().fsync()) {
                    case DURABLE -> FsyncPolicy.DURABLE;
                    case BATCH -> FsyncPolicy.BATCH_MS;
                    case NONE -> FsyncPolicy.NONE;
                }, BATCH_FSYNC_INTERVAL_MS);
    }

    /** The state store (memory-mapped files under data.dir, with their in-memory tables), as the switch opens it. */
    public static LiveState openState(SwitchConfig config, PolicySettings policy) {
        return new LiveState(new ChronicleStateStore(config.data().dir(), config.state().maxCards(), config.state().maxAccounts()),
                config.state().maxCards(), config.state().maxAccounts(), policy.velocityMaxApprovals());
    }

    /**
     * Loads the newest valid snapshot at or below {@code committedSequence}, replays every committed
     * journal record after it into the engine's recovery and billing's, and brings the state store's
     * accounts and billing's records in line with what they rebuilt.
     */
    public static Restored run(SwitchConfig config, LiveState store, PolicySettings policy, long committedSequence,
                               InstantSource clock) {
        return run(config, store, policy, BillingDriver.settings(config), committedSequence, clock);
    }

    /** As {@link #run(SwitchConfig, LiveState, PolicySettings, long, InstantSource)}, with billing's settings given. */
    public static Restored run(SwitchConfig config, LiveState store, PolicySettings policy, BillingSettings billingSettings,
                               long committedSequence, InstantSource clock) {
        TxnTable txns = new TxnTable(Math.max(TxnTable.MIN_ENTRIES, config.holds().maxOpenHolds()));
        EngineRecovery recovery = new EngineRecovery(store, txns, policy, clock.millis());
        BillingState billingState = new BillingState(billingSettings);
        BillingRecovery billing = new BillingRecovery(billingState);
        long started = System.nanoTime();
        long snapshotSequence = 0;
        Optional<SnapshotReader> newest = Snapshots.newestValid(config.data().snapshotDir(), committedSequence);
        if (newest.isPresent()) {
            try (SnapshotReader snapshot = newest.get()) {
                snapshot.section(Snapshots.ENGINE, recovery::importFrom);
                snapshot.section(Snapshots.APPROVALS, recovery::importApprovals);
                if (snapshot.hasMore()) {
                    snapshot.section(Snapshots.BILLING, billing::importFrom);
                }
                snapshotSequence = snapshot.sequence();
                long at = snapshotSequence;
                LOG.log(System.Logger.Level.INFO, () -> "started from the snapshot at journal sequence " + at);
            }
        }
        long loaded = System.nanoTime();
        long from = snapshotSequence + 1;
        try {
            replay(config.data().journalDir(), from, committedSequence, recovery, billing);
        } catch (JournalException e) {
            throw new JournalException("start: replaying the journal from sequence " + from + (snapshotSequence > 0
                    ? " (after the snapshot at " + snapshotSequence + ")" : " (no usable snapshot in "
                    + config.data().snapshotDir() + ")") + ": " + e.getMessage(), e);
        }
        // Approval codes start at counter 1: counter 0 would be "000000", which some acquirers read as no code.
        EngineSeed seed = recovery.finish(new EngineSeed(1, 1), store.accounts());
        String fixed = billing.finish(store);
        long done = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, () -> "journal replayed from sequence " + from + " to " + committedSequence + " ("
                + recovery.events() + " hold events in all, " + billing.events() + " billing events since the snapshot), in "
                + (done - started) / 1_000_000 + " ms; next hold " + seed.nextHoldId());
        return new Restored(txns, recovery, billingState, seed, snapshotSequence, from, committedSequence,
                loaded - started, done - loaded, fixed);
    }

    private static void replay(Path journalDir, long from, long upTo, EngineRecovery recovery, BillingRecovery billing) {
        HoldEvent event = new HoldEvent();
        BillingEvent billingEvent = new BillingEvent();
        try (JournalReader reader = JournalReader.open(journalDir, from)) {
            while (reader.nextSequence() <= upTo) {
                int n = reader.poll(r -> {
                    if (JournalMoneyLog.toEvent(r, event)) {
                        recovery.apply(event);
                        billing.apply(event);
                    } else if (JournalBillingLog.toEvent(r, billingEvent)) {
                        billing.apply(billingEvent);
                        recovery.billed(billingEvent.accountIndex, billingEvent.outstandingDelta());
                    }
                }, REPLAY_BATCH, upTo);
                if (n == 0) {
                    break;
                }
            }
        }
    }
}
