package io.tatekae.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** What the decision thread counts; written without allocation, read by metrics and tests. */
public final class PipelineStats {
    public final LongAdder responses = new LongAdder();
    public final LongAdder batches = new LongAdder();
    public final LongAdder internalErrors = new LongAdder();
    /** Responses by engine outcome ordinal. */
    public final AtomicLongArray byOutcome = new AtomicLongArray(io.tatekae.engine.Outcome.values().length);
    private volatile long largestBatch;

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

    public long largestBatch() {
        return largestBatch;
    }
}
