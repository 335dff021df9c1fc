package io.tatekae.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts and latencies of one run. Latency is from each request's due time to its response, in
 * nanoseconds; a timed-out request is recorded at the timeout so the percentiles include it.
 */
final class RunStats {
    private static final int MAX_SAMPLES = 20;

    /** The current second's latencies; each closed second is added to {@link #total}. */
    final Recorder interval = new Recorder(3);
    final Recorder sendLag = new Recorder(3);
    final Histogram total = new Histogram(3);
    final Histogram totalSendLag = new Histogram(3);
    final AtomicLong sent = new AtomicLong();
    /** write() calls on the connections: at least one per request, since no two requests share one. */
    final AtomicLong writeCalls = new AtomicLong();
    final AtomicLong responses = new AtomicLong();
    final AtomicLong wrong = new AtomicLong();
    /** Answered 91 (not signed on, overloaded, unavailable) where something else was expected: load shed. */
    final AtomicLong shed = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong unmatched = new AtomicLong();
    /** Answers that came after their request had timed out (already counted as timeouts). */
    final AtomicLong late = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong connectionErrors = new AtomicLong();
    final List<Second> timeline = new ArrayList<>();
    private final List<String> samples = new ArrayList<>();
    private Histogram recycledInterval;
    private Histogram recycledLag;
    private long lastResponses;
    private long lastSent;
    private long lastErrors;

    /** One second of the run, as printed and plotted. Latencies in microseconds. */
    record Second(int second, long sent, long responses, long errors, double p50, double p99, double p999, double max) {
    }

    long errors() {
        return wrong.get() + shed.get() + timeouts.get() + unmatched.get() + malformed.get() + connectionErrors.get();
    }

    /** Answers that are not what the request must get, or no answer to anything sent: the tester's or the server's bug. */
    long incorrect() {
        return wrong.get() + unmatched.get() + malformed.get();
    }

    synchronized void sample(String what) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(what);
        }
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }

    /** Closes the current second: moves its latencies into the totals and returns its line. */
    synchronized Second closeSecond(int second) {
        recycledInterval = interval.getIntervalHistogram(recycledInterval);
        recycledLag = sendLag.getIntervalHistogram(recycledLag);
        total.add(recycledInterval);
        totalSendLag.add(recycledLag);
        long r = responses.get();
        long s = sent.get();
        long e = errors();
        Histogram h = recycledInterval;
        Second line = new Second(second, s - lastSent, r - lastResponses, e - lastErrors,
                micros(h, 50), micros(h, 99), micros(h, 99.9), h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
        lastSent = s;
        lastResponses = r;
        lastErrors = e;
        if (second >= 0) {
            timeline.add(line);
        }
        return line;
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
