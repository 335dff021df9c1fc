package io.tatekae.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tatekae.engine.Outcome;
import io.tatekae.iso.ResponseEncoder;
import io.tatekae.net.Connection;
import io.tatekae.net.Framing;
import io.tatekae.spec.ProfileSpec;

/**
 * The decision thread's work: routes and decides each event, encodes its response into its
 * connection's batch buffer, and at the end of each batch lets the authorizer commit (journal) and
 * then flushes every connection the batch touched, once. Driven by the Disruptor in ring mode (a
 * batch is what the ring holds) or by {@link InlineDecisions} on the I/O thread (a batch is what one
 * pass of the event loop read).
 */
final class DecisionHandler implements EventHandler<RingEvent> {
    private static final System.Logger LOG = System.getLogger(DecisionHandler.class.getName());

    private final RequestRouter router;
    private final ResponseEncoder encoder;
    private final PipelineStats stats;
    private final byte[] out = new byte[2 * Framing.MAX_MESSAGE_BYTES];
    private final Connection[] touched;
    private int touchedCount;
    private final long[] answeredNanos;
    private int answeredCount;
    private final RingEvent[] deferred;
    private int deferredCount;

    DecisionHandler(RequestRouter router, ProfileSpec spec, PipelineStats stats, int maxBatch) {
        this.router = router;
        this.encoder = new ResponseEncoder(spec);
        this.stats = stats;
        this.touched = new Connection[maxBatch];
        this.answeredNanos = new long[maxBatch];
        this.deferred = new RingEvent[maxBatch];
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        stats.recordBatch(batchSize);
    }

    @Override
    public void onEvent(RingEvent e, long sequence, boolean endOfBatch) {
        handle(e);
        if (endOfBatch || full()) {
            flush();
        }
    }

    /** Runs the event's task or tick, or decides and answers its request (the answer may wait for {@link #flush}). */
    void handle(RingEvent e) {
        if (e.task != null) {
            runTask(e);
        } else if (e.tick) {
            tick(e);
        } else {
            answer(e);
        }
    }

    /** True when the batch can take no more events before a {@link #flush}. */
    boolean full() {
        return touchedCount == touched.length || answeredCount == answeredNanos.length || deferredCount == deferred.length;
    }

    /** Events whose answer waits for the next {@link #flush} (they hold their slots until then). */
    int waiting() {
        return deferredCount;
    }

    private void tick(RingEvent e) {
        try {
            router.onTick();
        } catch (RuntimeException | AssertionError ex) {
            LOG.log(System.Logger.Level.ERROR, "timer work failed", ex);
            stats.internalErrors.increment();
        } finally {
            e.release();
        }
    }

    private void runTask(RingEvent e) {
        try {
            e.task.run();
        } catch (RuntimeException | AssertionError ex) {
            LOG.log(System.Logger.Level.ERROR, "administrative task failed", ex);
        } finally {
            e.release();
        }
    }

    private void answer(RingEvent e) {
        decide(e);
        if (e.decision.respond && e.decision.changedMoney) {
            // Its response may leave only once the journal has made the batch durable.
            deferred[deferredCount++] = e;
            return;
        }
        respond(e);
    }

    private void respond(RingEvent e) {
        Connection connection = e.connection;
        try {
            if (e.decision.respond) {
                int n = encoder.encode(e.fields, e.decision, out, 0);
                connection.pending().writeBytes(out, 0, n);
                if (connection.markInBatch()) {
                    touched[touchedCount++] = connection;
                }
                stats.countResponse(e);
                answeredNanos[answeredCount++] = e.receivedNanos;
            }
        } catch (RuntimeException | AssertionError ex) {
            LOG.log(System.Logger.Level.ERROR, "could not answer a request on " + connection, ex);
            stats.internalErrors.increment();
        } finally {
            connection.release();
            e.release();
        }
    }

    private void decide(RingEvent e) {
        try {
            router.route(e);
        } catch (RuntimeException | AssertionError ex) {
            LOG.log(System.Logger.Level.ERROR, "engine failure on " + e.connection, ex);
            stats.internalErrors.increment();
            e.decision.clear();
            e.decision.set(Outcome.INTERNAL_ERROR);
        }
    }

    /** Commits the batch's money changes, then sends every answer of the batch. */
    void flush() {
        long commitStart = deferredCount > 0 ? System.nanoTime() : 0;
        boolean durable = commit();
        if (deferredCount > 0) {
            stats.recordCommit(System.nanoTime() - commitStart);
        }
        if (!durable && deferredCount > 0) {
            router.batchFailed();
            stats.journalFailures.increment();
        }
        for (int i = 0; i < deferredCount; i++) {
            RingEvent e = deferred[i];
            if (!durable) {
                e.decision.clear();
                e.decision.set(Outcome.UNAVAILABLE);
            }
            respond(e);
            deferred[i] = null;
        }
        deferredCount = 0;
        for (int i = 0; i < touchedCount; i++) {
            touched[i].flushBatch();
            touched[i] = null;
        }
        touchedCount = 0;
        long flushed = System.nanoTime();
        for (int i = 0; i < answeredCount; i++) {
            stats.recordLatency(flushed - answeredNanos[i]);
        }
        answeredCount = 0;
    }

    private boolean commit() {
        try {
            return router.endOfBatch();
        } catch (RuntimeException | AssertionError ex) {
            LOG.log(System.Logger.Level.ERROR, "journal commit failed", ex);
            return false;
        }
    }
}
