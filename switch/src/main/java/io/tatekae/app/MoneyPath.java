package io.tatekae.app;

import io.tatekae.admin.AdminRoutes;
import io.tatekae.config.PosterMode;
import io.tatekae.config.SwitchConfig;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.SegmentFiles;
import io.tatekae.journal.SequenceMark;
import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.ledger.LedgerException;
import io.tatekae.ledger.PosterLock;
import io.tatekae.ledger.TotalsDifference;
import io.tatekae.snapshot.Snapshotter;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
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
    private final SequenceMark postedMark;
    private final SequenceMark auditRequests;
    private final SequenceMark auditServed;
    private final SequenceMark auditFound;
    private final SequenceMark auditLeft;

    MoneyPath(SwitchConfig config, SegmentFiles journalFiles, InstantSource clock) {
        JournalConfig journal = StartRestore.journal(config);
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
                PosterSettings.of(config)).publishingPostedTo(postedMark)
                .auditingThrough(config.data().journalDir());
        // The snapshots are written beside the poster: here when it runs in this process, else in its own.
        snapshotter = !inProcess ? null : Snapshotting.snapshotter(config, writer::postableSequence,
                () -> Math.max(0, poster.lastPostedSequence()), clock);
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
