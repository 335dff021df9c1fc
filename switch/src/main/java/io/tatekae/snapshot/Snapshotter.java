package io.tatekae.snapshot;

import io.tatekae.billing.BillingEvent;
import io.tatekae.billing.BillingState;
import io.tatekae.engine.ApprovalLog;
import io.tatekae.engine.EngineRecovery;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.PolicySettings;
import io.tatekae.engine.TxnTable;
import io.tatekae.journal.JournalBillingLog;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalTrimmer;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps snapshots of the replayed state and the journal trimmed, without touching the switch's
 * deciding thread: it runs a replay of its own (its own transaction table and approval log) over the
 * journal records that are already durable, and every so many records or minutes writes what that
 * replay holds as a snapshot at its journal position. Then it removes the journal segments that both
 * the oldest kept snapshot and the ledger hold. Runs beside the ledger poster (same process, its own
 * thread); resumes from its newest snapshot after any restart.
 */
public final class Snapshotter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Snapshotter.class.getName());
    private static final int POLL_RECORDS = 4096;
    private static final long IDLE_SLEEP_MILLIS = 200;

    /** When to write: after this many records or this long since the last snapshot; how many to keep. */
    public record Settings(long everyRecords, long everyMillis, int keep) {
        public Settings {
            if (everyRecords < 1 || everyMillis < 1 || keep < 1) {
                throw new IllegalArgumentException("snapshot settings must be positive: " + everyRecords + ", "
                        + everyMillis + " ms, keep " + keep);
            }
        }
    }

    private final Path journalDir;
    private final Path snapshotDir;
    private final LongSupplier postableSequence;
    private final LongSupplier postedSequence;
    private final PolicySettings policy;
    private final int maxEntries;
    private final Settings settings;
    private final JournalTrimmer trimmer;
    private final InstantSource clock;
    private final HoldEvent event = new HoldEvent();
    private final BillingEvent billingEvent = new BillingEvent();
    private final Supplier<BillingState> newBilling;
    private EngineRecovery replay;
    private BillingState billing;
    private ApprovalLog approvals;
    private JournalReader reader;
    private long lastSnapshotSequence;
    private long lastSnapshotMillis;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param postableSequence the last journal record that is durable (the writer's committed mark)
     * @param postedSequence   the last journal record the ledger holds (the poster's posted mark)
     * @param maxEntries       the transaction table's size (holds.maxOpenHolds)
     */
    public Snapshotter(Path journalDir, Path snapshotDir, LongSupplier postableSequence, LongSupplier postedSequence,
                       PolicySettings policy, int maxEntries, Settings settings, JournalTrimmer trimmer, InstantSource clock,
                       Supplier<BillingState> newBilling) {
        this.journalDir = journalDir;
        this.snapshotDir = snapshotDir;
        this.postableSequence = postableSequence;
        this.postedSequence = postedSequence;
        this.policy = policy;
        this.maxEntries = maxEntries;
        this.settings = settings;
        this.trimmer = trimmer;
        this.clock = clock;
        this.newBilling = newBilling;
    }

    /** Replays what is durable, writes a snapshot when one is due, trims the journal; returns the records applied. */
    public int step() {
        if (replay == null) {
            resume();
        }
        int applied = reader.poll(r -> {
            if (JournalMoneyLog.toEvent(r, event)) {
                replay.apply(event);
                billing.apply(event);
            } else if (JournalBillingLog.toEvent(r, billingEvent)) {
                billing.apply(billingEvent);
                replay.billed(billingEvent.accountIndex, billingEvent.outstandingDelta());
            }
        }, POLL_RECORDS, postableSequence.getAsLong());
        long position = reader.nextSequence() - 1;
        long now = clock.millis();
        if (position > lastSnapshotSequence && (position - lastSnapshotSequence >= settings.everyRecords()
                || now - lastSnapshotMillis >= settings.everyMillis())) {
            write(position, now);
        }
        long oldestKept = Snapshots.prune(snapshotDir, settings.keep());
        if (oldestKept > 0) {
            trimmer.trimUpTo(Math.min(oldestKept, postedSequence.getAsLong()));
        }
        return applied;
    }

    /** Writes a snapshot of what the replay holds now, at its position (also used by tests and at a stop). */
    public Path snapshotNow() {
        if (replay == null) {
            resume();
        }
        long position = reader.nextSequence() - 1;
        return position > 0 ? write(position, clock.millis()) : null;
    }

    private Path write(long position, long now) {
        long started = System.nanoTime();
        approvals.forgetBefore(now - policy.velocityWindowMillis());
        Path written;
        try (SnapshotWriter writer = SnapshotWriter.begin(snapshotDir, position, now)) {
            written = writer.section(Snapshots.ENGINE, replay::exportTo).section(Snapshots.APPROVALS, approvals::exportTo)
                    .section(Snapshots.BILLING, billing::exportTo).complete();
        }
        lastSnapshotSequence = position;
        lastSnapshotMillis = now;
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, () -> "snapshot at journal sequence " + position + " written in " + millis
                + " ms (" + approvals.cards() + " cards with recent approvals)");
        return written;
    }

    /** Starts from the newest valid snapshot (or the journal's beginning) and reads on from there. */
    private void resume() {
        TxnTable txns = new TxnTable(Math.max(TxnTable.MIN_ENTRIES, maxEntries));
        approvals = new ApprovalLog(policy.velocityMaxApprovals());
        // Every approval goes to the log (now = 0: no window cut here); the switch keeps only those in its window.
        replay = new EngineRecovery(txns, approvals, policy, Long.MIN_VALUE / 4, Integer.MAX_VALUE);
        billing = newBilling.get();
        long from = 1;
        Optional<SnapshotReader> newest = Snapshots.newestValid(snapshotDir, postableSequence.getAsLong());
        if (newest.isPresent()) {
            try (SnapshotReader snapshot = newest.get()) {
                snapshot.section(Snapshots.ENGINE, replay::importFrom);
                snapshot.section(Snapshots.APPROVALS, in -> ApprovalLog.importInto(in, approvals, Long.MIN_VALUE));
                if (snapshot.hasMore()) {
                    snapshot.section(Snapshots.BILLING, billing::importFrom);
                }
                from = snapshot.sequence() + 1;
                lastSnapshotSequence = snapshot.sequence();
                lastSnapshotMillis = snapshot.createdMillis();
            }
        } else {
            lastSnapshotMillis = clock.millis();
        }
        reader = JournalReader.open(journalDir, from);
    }

    /** Runs {@link #step} on a thread of its own until {@link #close}. */
    public Snapshotter start() {
        running = true;
        thread = new Thread(this::run, "tatekae-snapshots");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                if (step() == 0) {
                    Thread.sleep(IDLE_SLEEP_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "snapshots: " + e.getMessage() + "; starting again from the newest "
                        + "snapshot in a second", e);
                forget();
                sleepQuietly(1_000);
            }
        }
    }

    /** Drops the replay (it may have stopped inside an event); the next step resumes from a snapshot. */
    private void forget() {
        if (reader != null) {
            reader.close();
        }
        reader = null;
        replay = null;
        approvals = null;
        billing = null;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reader != null) {
            reader.close();
        }
    }
}
