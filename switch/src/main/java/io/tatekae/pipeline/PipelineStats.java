package io.tatekae.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** What the decision thread counts; written without allocation, read by metrics and tests. */
public final class PipelineStats {
    public final LongAdder responses = new LongAdder();
    public final LongAdder batches = new LongAdder();
    public final LongAdder internalErrors = new LongAdder();
    /** Batches whose money changes the journal could not make durable (answered 91, taken back). */
    public final LongAdder journalFailures = new LongAdder();
    /** Responses by engine outcome ordinal. */
    public final AtomicLongArray byOutcome = new AtomicLongArray(io.tatekae.engine.Outcome.values().length);
    private volatile long largestBatch;
    /** Frame decoded → response handed to Netty, in nanoseconds; written by the decision thread only. */
    private final org.HdrHistogram.SingleWriterRecorder latency = new org.HdrHistogram.SingleWriterRecorder(
            java.util.concurrent.TimeUnit.SECONDS.toNanos(60), 3);

    void recordBatch(long size) {
        batches.increment();
        if (size > largestBatch) {
            largestBatch = size;
        }
    }

    void countResponse(RingEvent e) {
        responses.increment();
        byOutcome.incrementAndGet(e.decision.outcome.ordinal());
    }

    void recordLatency(long nanos) {
        latency.recordValue(Math.min(Math.max(nanos, 0), java.util.concurrent.TimeUnit.SECONDS.toNanos(60)));
    }

    /**
     * The latencies recorded since the last call, into {@code into} (reset first). For one reader
     * at a time: the metrics publisher.
     */
    public synchronized org.HdrHistogram.Histogram intervalLatency(org.HdrHistogram.Histogram into) {
        return latency.getIntervalHistogram(into);
    }

    public long largestBatch() {
        return largestBatch;
    }
}
