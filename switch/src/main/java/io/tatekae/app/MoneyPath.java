package io.tatekae.app;

import io.tatekae.admin.AdminRoutes;
import io.tatekae.billing.BillingEvent;
import io.tatekae.billing.BillingRecovery;
import io.tatekae.config.PosterMode;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.EngineRecovery;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.HoldEvent;
import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalBillingLog;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.SegmentFiles;
import io.tatekae.journal.SequenceMark;
import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.ledger.LedgerPosterConfig;
import io.tatekae.ledger.LedgerException;
import io.tatekae.ledger.PosterLock;
import io.tatekae.ledger.TotalsDifference;
import io.tatekae.snapshot.SnapshotReader;
import io.tatekae.snapshot.Snapshotter;
import io.tatekae.snapshot.Snapshots;
import io.tatekae.state.AccountTable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The record of truth: the local journal the decision thread appends to, its replay into the engine
 * at start, and the poster that carries it to the ledger database in the background — in a child
 * process the switch supervises ({@code ledger.poster: child}, the default), in this process
 * ({@code in-process}) or in {@code scripts/poster}'s ({@code external}). A poster in another process
 * follows the journal through {@code committed.mark} and reports through {@code posted.mark}; it is
 * then the ledger's single writer, and this process only reads the ledger.
 */
final class MoneyPath implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MoneyPath.class.getName());
    private static final int REPLAY_BATCH = 4096;
    private static final long BATCH_FSYNC_INTERVAL_MS = 10;
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(120);

    private final JournalWriter writer;
    private final JournalMoneyLog moneyLog;
    private final JdbcLedger ledger;
    /** Null when the poster runs in another process. */
    private final LedgerPoster poster;
    /** Non-null for {@code ledger.poster: child}. */
    private final PosterSupervisor child;
    private final PosterLock posterLock;
    /** Null when the poster (and the snapshots with it) runs in another process. */
    private final Snapshotter snapshotter;
    private long replayedFrom = 1;
    private final SequenceMark postedMark;
    private final SequenceMark auditRequests;
    private final SequenceMark auditServed;
    private final SequenceMark auditFound;
    private final SequenceMark auditLeft;

    MoneyPath(SwitchConfig config, SegmentFiles journalFiles, InstantSource clock) {
        JournalConfig journal = new JournalConfig(config.data().journalDir(), config.journal().segmentBytes(),
                Math.max(JournalConfig.DEFAULT_MAX_BATCH_RECORDS, config.pipeline().maxBatch()),
                switch (config.journal().fsync()) {
                    case DURABLE -> FsyncPolicy.DURABLE;
                    case BATCH -> FsyncPolicy.BATCH_MS;
                    case NONE -> FsyncPolicy.NONE;
                }, BATCH_FSYNC_INTERVAL_MS);
        // Before the journal opens: a second poster on this journal is refused before anything is touched.
        boolean inProcess = config.ledger().poster() == PosterMode.IN_PROCESS;
        child = config.ledger().poster() == PosterMode.CHILD ? new PosterSupervisor(config) : null;
        posterLock = inProcess ? PosterLock.acquire(config.data().journalDir()) : null;
        writer = JournalWriter.open(journal, journalFiles);
        writer.publishPostableTo(SequenceMark.openForWriting(config.data().journalDir().resolve(SequenceMark.COMMITTED)));
        moneyLog = new JournalMoneyLog(writer);
        LedgerConfig ledgerConfig = new LedgerConfig(config.ledger().url(), config.ledger().user(), config.ledger().password());
        ledger = inProcess ? JdbcLedger.openLazily(ledgerConfig) : JdbcLedger.readOnly(ledgerConfig);
        // The posted mark exists for either kind of poster, so a reader never waits for the other to create it.
        postedMark = SequenceMark.openForWriting(config.data().journalDir().resolve(SequenceMark.POSTED));
        auditRequests = SequenceMark.openForWriting(config.data().journalDir().resolve(LedgerPoster.AUDIT_REQUEST_MARK));
        auditServed = SequenceMark.openForWriting(config.data().journalDir().resolve(LedgerPoster.AUDIT_SERVED_MARK));
        auditFound = SequenceMark.openForWriting(config.data().journalDir().resolve(LedgerPoster.AUDIT_FOUND_MARK));
        auditLeft = SequenceMark.openForWriting(config.data().journalDir().resolve(LedgerPoster.AUDIT_LEFT_MARK));
        poster = !inProcess ? null : new LedgerPoster(config.data().journalDir(), writer::postableSequence, ledger,
                LedgerPosterConfig.defaults().withMaxBatch(config.ledger().batchSize())).publishingPostedTo(postedMark)
                .auditingThrough(config.data().journalDir());
        // The snapshots are written beside the poster: here when it runs in this process, else in its own.
        snapshotter = !inProcess ? null : Snapshotting.snapshotter(config, writer::postableSequence,
                () -> Math.max(0, poster.lastPostedSequence()), clock);
    }

    /** The first journal record the last start replayed (1 without a snapshot). */
    long replayedFrom() {
        return replayedFrom;
    }

    /** The snapshot writer of this process, or null when the poster's process writes them. */
    Snapshotter snapshotter() {
        return snapshotter;
    }

    JournalMoneyLog moneyLog() {
        return moneyLog;
    }

    /** The poster of this process, or null when {@code scripts/poster} posts. */
    LedgerPoster poster() {
        return poster;
    }

    /** Committed journal records not yet in the ledger, whichever process posts them. */
    long ledgerLag() {
        long posted = poster != null ? Math.max(0, poster.lastPostedSequence()) : postedMark.read();
        return Math.max(0, writer.committedSequence() - posted);
    }

    /**
     * False while the in-process poster has not yet opened (and migrated) the ledger; a poster in another
     * process is taken as started (its progress shows only in the lag).
     */
    boolean posterStarted() {
        return poster == null || poster.lastPostedSequence() >= 0;
    }

    JdbcLedger ledger() {
        return ledger;
    }

    long committedSequence() {
        return writer.committedSequence();
    }

    /**
     * Loads the newest valid snapshot (the engine's state and billing's), then replays every committed
     * journal record after it, in order, into the engine's recovery and billing's; returns where the
     * engine's counters resume.
     */
    EngineSeed replay(EngineRecovery recovery, BillingRecovery billing, AccountTable accounts, Path snapshotDir) {
        long upTo = writer.committedSequence();
        HoldEvent event = new HoldEvent();
        BillingEvent billingEvent = new BillingEvent();
        long started = System.nanoTime();
        long from = 1;
        Optional<SnapshotReader> newest = Snapshots.newestValid(snapshotDir, upTo);
        if (newest.isPresent()) {
            try (SnapshotReader snapshot = newest.get()) {
                snapshot.section(Snapshots.ENGINE, recovery::importFrom);
                snapshot.section(Snapshots.APPROVALS, recovery::importApprovals);
                if (snapshot.hasMore()) {
                    snapshot.section(Snapshots.BILLING, billing::importFrom);
                }
                from = snapshot.sequence() + 1;
                LOG.log(System.Logger.Level.INFO, "started from the snapshot at journal sequence " + snapshot.sequence());
            }
        }
        long replayFrom = from;
        replayedFrom = from;
        try (JournalReader reader = JournalReader.open(writer.directory(), from)) {
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
        // Approval codes start at counter 1: counter 0 would be "000000", which some acquirers read as no code.
        EngineSeed seed = recovery.finish(new EngineSeed(1, 1), accounts);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, () -> "journal replayed from sequence " + replayFrom + " to " + upTo + " ("
                + recovery.events() + " hold events in all, " + billing.events() + " billing events since the snapshot), in "
                + millis + " ms; next hold " + seed.nextHoldId());
        return seed;
    }

    /** The ledger accounts whose totals disagree with their rows (read-only: any process may ask). */
    List<TotalsDifference> checkTotals() {
        return ledger.checkTotals();
    }

    /** Accounts whose totals differed from their rows at the poster's last audit (before it repaired them). */
    long auditFound() {
        return auditFound.read();
    }

    /** Differences the poster's last audit could not repair. */
    long auditLeft() {
        return auditLeft.read();
    }

    /**
     * {@code POST /admin/ledger/audit}: checks the totals, asks the poster (wherever it runs) to audit and
     * repair from the journal, waits for it, checks again.
     */
    AdminRoutes.Reply audit() {
        try {
            List<TotalsDifference> before = checkTotals();
            long request = Math.max(auditRequests.read(), auditServed.read()) + 1;
            auditRequests.publish(request);
            long deadline = System.nanoTime() + AUDIT_WAIT.toNanos();
            while (auditServed.read() < request && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            if (auditServed.read() < request) {
                return AdminRoutes.reply(503, "ledger audit: the poster did not take the request within " + AUDIT_WAIT.toSeconds()
                        + " s (is it running? with ledger.poster: external, start scripts/poster); " + before.size()
                        + " accounts' totals differ from their rows\n");
            }
            List<TotalsDifference> after = checkTotals();
            StringBuilder text = new StringBuilder("ledger audit: " + before.size() + " accounts' totals differed from their rows"
                    + " before the poster's audit, " + after.size() + " after (the poster repairs from the journal)\n");
            after.forEach(d -> text.append(d).append('\n'));
            return AdminRoutes.reply(after.isEmpty() ? 200 : 409, text.toString());
        } catch (LedgerException e) {
            return AdminRoutes.reply(503, "ledger audit: " + LedgerPoster.describe(e) + "\n");
        }
    }

    /** The supervisor of the child poster, or null unless {@code ledger.poster: child}. */
    PosterSupervisor child() {
        return child;
    }

    void startPoster() {
        if (poster != null) {
            poster.start();
            snapshotter.start();
        } else if (child != null) {
            child.start();
        } else {
            LOG.log(System.Logger.Level.INFO, () -> "ledger poster: external (scripts/poster); " + ledgerLag()
                    + " journal records not yet in the ledger");
        }
    }

    /**
     * Closes the journal (which forces it, so under {@code fsync: batch} its last records become
     * postable too), then lets the poster (in-process or child) post what is committed, then closes the ledger.
     */
    @Override
    public void close() {
        if (snapshotter != null) {
            snapshotter.close();
        }
        writer.close();
        if (poster != null) {
            poster.close();
            posterLock.close();
        }
        if (child != null) {
            child.close();
        }
        ledger.close();
    }
}
