package io.tatekae.pipeline;

import io.tatekae.engine.Outcome;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** What the decision thread counts; written without allocation, read by metrics and tests. */
public final class PipelineStats {
    /** The request MTIs counted apart (0100, 0120, 0400, 0420, 0800); any other MTI counts as the last code. */
    private static final int[] COUNTED_MTIS = {100, 120, 400, 420, 800};
    public static final int MTI_CODES = COUNTED_MTIS.length + 1;
    public static final int OUTCOMES = Outcome.values().length;
    private static final long MAX_BATCH_RECORDED = 1 << 20;
    public final LongAdder responses = new LongAdder();
    public final LongAdder batches = new LongAdder();
    public final LongAdder internalErrors = new LongAdder();
    /** Batches whose money changes the journal could not make durable (answered 91, taken back). */
    public final LongAdder journalFailures = new LongAdder();
    /** Responses by engine outcome ordinal. */
    public final AtomicLongArray byOutcome = new AtomicLongArray(Outcome.values().length);
    /** Responses by request MTI code ({@link #mtiCode}) × outcome ordinal: [code * OUTCOMES + ordinal]. */
    public final AtomicLongArray byMtiOutcome = new AtomicLongArray(MTI_CODES * OUTCOMES);
    private volatile long largestBatch;
    /** Frame decoded → response handed to Netty, in nanoseconds; written by the decision thread only. */
    private final SingleWriterRecorder latency = new SingleWriterRecorder(TimeUnit.SECONDS.toNanos(60), 3);
    /** Disruptor batch sizes; written by the decision thread only. */
    private final SingleWriterRecorder batchSizes = new SingleWriterRecorder(MAX_BATCH_RECORDED, 2);
    /** Journal commit (end of a batch with money changes) in nanoseconds; decision thread only. */
    private final SingleWriterRecorder commitLatency = new SingleWriterRecorder(TimeUnit.SECONDS.toNanos(60), 2);

    /** A small code for a request MTI (0100 → 0 … 0800 → 4, anything else → 5). */
    public static int mtiCode(int mti) {
        for (int i = 0; i < COUNTED_MTIS.length; i++) {
            if (COUNTED_MTIS[i] == mti) {
                return i;
            }
        }
        return COUNTED_MTIS.length;
    }

    /** The MTI a code stands for, as the wire writes it ("0100"), or "other". */
    public static String mtiName(int code) {
        return code < COUNTED_MTIS.length ? String.format("%04d", COUNTED_MTIS[code]) : "other";
    }

    void recordBatch(long size) {
        batches.increment();
        batchSizes.recordValue(Math.min(Math.max(size, 0), MAX_BATCH_RECORDED));
        if (size > largestBatch) {
            largestBatch = size;
        }
    }

    void countResponse(RingEvent e) {
        responses.increment();
        byOutcome.incrementAndGet(e.decision.outcome.ordinal());
        byMtiOutcome.incrementAndGet(mtiCode(e.fields.mti()) * OUTCOMES + e.decision.outcome.ordinal());
    }

    void recordLatency(long nanos) {
        latency.recordValue(Math.min(Math.max(nanos, 0), TimeUnit.SECONDS.toNanos(60)));
    }

    void recordCommit(long nanos) {
        commitLatency.recordValue(Math.min(Math.max(nanos, 0), TimeUnit.SECONDS.toNanos(60)));
    }

    /**
     * The latencies recorded since the last call, into {@code into} (reset first). For one reader
     * at a time: the metrics publisher.
     */
    public synchronized Histogram intervalLatency(Histogram into) {
        latency.getIntervalHistogramInto(into);
        return into;
    }

    /** The batch sizes recorded since the last call, into {@code into} (reset first); one reader at a time. */
    public synchronized Histogram intervalBatchSizes(Histogram into) {
        batchSizes.getIntervalHistogramInto(into);
        return into;
    }

    /** The journal commit times (ns) recorded since the last call, into {@code into}; one reader at a time. */
    public synchronized Histogram intervalCommitLatency(Histogram into) {
        commitLatency.getIntervalHistogramInto(into);
        return into;
    }

    public long largestBatch() {
        return largestBatch;
    }
}
