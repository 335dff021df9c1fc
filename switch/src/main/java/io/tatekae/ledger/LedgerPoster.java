package io.tatekae.ledger;

import io.tatekae.journal.JournalException;
import io.tatekae.journal.JournalReader;
import io.tatekae.journal.SequenceMark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A thread that tails the journal and applies it to the ledger in batches. It only reads what the
 * journal writer has committed and never holds anything the writer waits on, so a slow or absent
 * database only grows the lag. The ledger stores the last posted sequence with each batch, so after a
 * restart posting resumes exactly there. Failures are retried with capped exponential backoff, keeping
 * the same batch, so nothing is lost or applied twice. {@link #close()} drains what was committed.
 * A batch that is not full waits until {@link LedgerPosterConfig#commitInterval()} has passed since the
 * last commit, gathering what the journal commits meanwhile (the first records after a quiet spell go at once).
 * It reads only the journal files and the database, so it runs in the switch's process or in its own
 * ({@code scripts/poster}); the caller holds the journal's {@link PosterLock}.
 *
 * <p>At start, every {@link LedgerPosterConfig#auditInterval()}, and whenever {@code audit-request.mark} asks
 * (the switch's {@code POST /admin/ledger/audit}), it checks every account's totals against its rows
 * ({@link Ledger#checkTotals}), logs each difference, and repairs the accounts from the journal
 * ({@link Ledger#repairFromJournal}); it publishes the request it served in {@code audit.mark} and what
 * its last audit found and left in {@code audit-found.mark} and {@code audit-left.mark} (the switch's
 * metrics), so the scan runs in the poster's process, not the switch's.
 */
public final class LedgerPoster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LedgerPoster.class.getName());
    public static final String AUDIT_REQUEST_MARK = "audit-request.mark";
    public static final String AUDIT_SERVED_MARK = "audit.mark";
    public static final String AUDIT_FOUND_MARK = "audit-found.mark";
    public static final String AUDIT_LEFT_MARK = "audit-left.mark";
    private static final int LOGGED_DIFFERENCES = 20;
    private final Path journalDirectory;
    private final LongSupplier committedSequence;
    private final Ledger ledger;
    private final LedgerPosterConfig config;
    private final LedgerBatch batch;
    private final Thread thread;
    private JournalReader reader;
    private long backoffNanos;
    private SequenceMark postedMark;
    private SequenceMark auditRequests;
    private SequenceMark auditServed;
    private SequenceMark auditFound;
    private SequenceMark auditLeft;
    private long nextAuditNanos;
    private final long commitIntervalNanos;
    private long lastCommitNanos;
    /** The batch failed to apply: it is retried as it is, nothing added, so a retry sends exactly what failed. */
    private boolean retrying;

    private volatile boolean stopping;
    private volatile long drainTarget;
    private volatile long lastPosted = -1;
    private volatile long postedRecords;
    private volatile long rejectedRecords;
    private volatile long skippedRecords;
    private volatile long batches;
    private volatile long failures;
    private volatile String lastError;
    private volatile long audits;
    private volatile long differencesFound;
    private volatile long accountsRepaired;
    private volatile long differencesLeft;

    public LedgerPoster(Path journalDirectory, LongSupplier committedSequence, Ledger ledger, LedgerPosterConfig config) {
        this.journalDirectory = journalDirectory;
        this.committedSequence = committedSequence;
        this.ledger = ledger;
        this.config = config;
        this.batch = new LedgerBatch(config.maxBatch());
        this.commitIntervalNanos = config.commitInterval().toNanos();
        this.lastCommitNanos = System.nanoTime() - commitIntervalNanos;
        this.thread = Thread.ofPlatform().name("ledger-poster").daemon(true).unstarted(this::run);
    }

    /** Also publishes the ledger's position to {@code mark} (for a switch whose poster runs in another process). */
    public LedgerPoster publishingPostedTo(SequenceMark mark) {
        if (thread.isAlive()) {
            throw new IllegalStateException("ledger poster: set the posted mark before start");
        }
        this.postedMark = mark;
        return this;
    }

    /**
     * Audits the ledger when the request mark moves past the served one, and publishes each audit's
     * findings; the marks live in the journal folder under the names above (see the class comment).
     */
    public LedgerPoster auditingThrough(Path folder) {
        if (thread.isAlive()) {
            throw new IllegalStateException("ledger poster: set the audit marks before start");
        }
        this.auditRequests = SequenceMark.openForWriting(folder.resolve(AUDIT_REQUEST_MARK));
        this.auditServed = SequenceMark.openForWriting(folder.resolve(AUDIT_SERVED_MARK));
        this.auditFound = SequenceMark.openForWriting(folder.resolve(AUDIT_FOUND_MARK));
        this.auditLeft = SequenceMark.openForWriting(folder.resolve(AUDIT_LEFT_MARK));
        return this;
    }

    public LedgerPoster start() {
        thread.start();
        return this;
    }

    /** Committed journal records not yet in the ledger (all of them until the ledger position is known). */
    public long lag() {
        return committedSequence.getAsLong() - Math.max(0, lastPosted);
    }

    /** The ledger's position as last seen by the poster; -1 until first read from the ledger. */
    public long lastPostedSequence() {
        return lastPosted;
    }

    public long postedRecords() {
        return postedRecords;
    }

    public long rejectedRecords() {
        return rejectedRecords;
    }

    /**
     * Records the ledger already had when they were sent: a retry after a commit whose outcome the
     * poster could not learn (the database went down while committing).
     */
    public long skippedRecords() {
        return skippedRecords;
    }

    public long batches() {
        return batches;
    }

    /** Failed attempts (database down, journal unreadable); each was retried. */
    public long failures() {
        return failures;
    }

    /** The last failure's message (no card data), or null. */
    public String lastError() {
        return lastError;
    }

    /** Audits run (at start and on request). */
    public long audits() {
        return audits;
    }

    /** Accounts whose totals disagreed with their rows, over every audit. */
    public long differencesFound() {
        return differencesFound;
    }

    /** Accounts rebuilt from the journal, over every audit. */
    public long accountsRepaired() {
        return accountsRepaired;
    }

    /** Differences the last audit could not repair (the journal no longer holds the records, or the repair failed). */
    public long differencesLeft() {
        return differencesLeft;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Posts what the journal had committed by now (up to the drain timeout), then stops. */
    @Override
    public void close() {
        drainTarget = committedSequence.getAsLong();
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(config.drainTimeout().toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long drainDeadline = Long.MAX_VALUE;
        try {
            while (true) {
                if (stopping && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + config.drainTimeout().toNanos();
                }
                if (stopping && (drained() || System.nanoTime() - drainDeadline > 0)) {
                    return;
                }
                if (!step()) {
                    LockSupport.parkNanos(stopping ? 1_000_000 : config.idleWait().toNanos());
                }
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private boolean drained() {
        return lastPosted >= drainTarget && batch.isEmpty();
    }

    /** @return true when it made progress. */
    private boolean step() {
        try {
            if (reader == null) {
                lastPosted = ledger.lastPostedSequence();
                publishPosted();
                audit("at start");
                reader = JournalReader.open(journalDirectory, lastPosted + 1);
            }
            long requested = auditRequests == null ? 0 : auditRequests.read();
            if (auditRequests != null && requested > auditServed.read()) {
                audit("on request " + requested);
                auditServed.publish(requested);
            } else if (System.nanoTime() - nextAuditNanos > 0) {
                audit("every " + config.auditInterval().toMinutes() + " minutes");
            }
            if (!retrying && !batch.isFull()) {
                reader.poll(batch::add, batch.capacity() - batch.size(), committedSequence.getAsLong());
            }
            if (batch.isEmpty() || !dueForCommit()) {
                return false;
            }
            ApplyResult result = ledger.apply(batch);
            batch.clear();
            retrying = false;
            lastCommitNanos = System.nanoTime();
            lastPosted = result.lastSequence();
            publishPosted();
            postedRecords += result.applied();
            rejectedRecords += result.rejected();
            skippedRecords += result.skipped();
            batches++;
            backoffNanos = 0;
            return true;
        } catch (LedgerException | JournalException e) {
            retrying = !batch.isEmpty();
            failures++;
            lastError = describe(e);
            backOff();
            return true;
        }
    }

    private boolean dueForCommit() {
        return batch.isFull() || retrying || stopping
                || System.nanoTime() - lastCommitNanos >= commitIntervalNanos;
    }

    /**
     * Checks every account's totals against its rows and repairs the ones that disagree from the journal.
     * A database failure propagates (the step is retried); a repair the journal cannot back is logged and
     * counted, and posting goes on.
     */
    private void audit(String when) {
        nextAuditNanos = System.nanoTime() + config.auditInterval().toNanos();
        List<TotalsDifference> found = ledger.checkTotals();
        audits++;
        publishAudit(auditFound, found.size());
        if (found.isEmpty()) {
            differencesLeft = 0;
            publishAudit(auditLeft, 0);
            LOG.log(System.Logger.Level.INFO, () -> "ledger audit " + when + ": every account's totals equal its rows");
            return;
        }
        differencesFound += found.size();
        LOG.log(System.Logger.Level.WARNING, "ledger audit " + when + ": " + found.size() + " accounts' totals differ"
                + " from their rows; repairing them from the journal");
        found.stream().limit(LOGGED_DIFFERENCES).forEach(d -> LOG.log(System.Logger.Level.WARNING, "  " + d));
        List<String> accounts = found.stream().map(TotalsDifference::accountId).toList();
        try {
            accountsRepaired += ledger.repairFromJournal(journalDirectory, accounts);
        } catch (JournalException | LedgerException e) {
            if (e instanceof LedgerUnavailableException unavailable) {
                throw unavailable;
            }
            LOG.log(System.Logger.Level.ERROR, "ledger audit " + when + ": cannot repair from the journal: " + describe(e));
        }
        List<TotalsDifference> left = ledger.checkTotals();
        differencesLeft = left.size();
        publishAudit(auditLeft, left.size());
        LOG.log(left.isEmpty() ? System.Logger.Level.WARNING : System.Logger.Level.ERROR, "ledger audit " + when + ": "
                + (found.size() - left.size()) + " accounts repaired from the journal, " + left.size() + " differences left");
    }

    /** The failure and its root cause (the driver's words: why the database refused), on one line. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.replace('\n', ' ');
    }

    private static void publishAudit(SequenceMark mark, long value) {
        if (mark != null) {
            mark.publish(value);
        }
    }

    private void publishPosted() {
        if (postedMark != null) {
            postedMark.publish(Math.max(0, lastPosted));
        }
    }

    private void backOff() {
        backoffNanos = backoffNanos == 0 ? config.initialBackoff().toNanos()
                : Math.min(backoffNanos * 2, config.maxBackoff().toNanos());
        LockSupport.parkNanos(backoffNanos);
    }
}
