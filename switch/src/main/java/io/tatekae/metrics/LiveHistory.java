package io.tatekae.metrics;

import io.tatekae.engine.Outcome;
import io.tatekae.iso.ResponseCodes;

/**
 * The last {@link #SECONDS} one-second snapshots behind the live page ({@code GET /live.json}):
 * rate, latency quantiles, ring, ledger lag, connections, in flight, open holds and declines by
 * outcome. Written once a second by the metrics publisher, read by HTTP threads; preallocated.
 */
final class LiveHistory {
    static final int SECONDS = 300;
    private static final Outcome[] OUTCOMES = Outcome.values();

    /** One second's figures, filled by the publisher and copied into the ring by {@link #add}. */
    static final class Second {
        long epochSecond;
        long responses;
        double p50Micros;
        double p99Micros;
        double p999Micros;
        double maxMicros;
        long ringFree;
        double ledgerLag;
        long connections;
        long inFlight;
        double openHolds;
        final long[] byOutcome = new long[OUTCOMES.length];
    }

    private final long ringSize;
    private final long[] epochSecond = new long[SECONDS];
    private final long[] responses = new long[SECONDS];
    private final double[] p50 = new double[SECONDS];
    private final double[] p99 = new double[SECONDS];
    private final double[] p999 = new double[SECONDS];
    private final double[] max = new double[SECONDS];
    private final long[] ringFree = new long[SECONDS];
    private final double[] ledgerLag = new double[SECONDS];
    private final long[] connections = new long[SECONDS];
    private final long[] inFlight = new long[SECONDS];
    private final double[] openHolds = new double[SECONDS];
    private final long[][] byOutcome = new long[SECONDS][OUTCOMES.length];
    private final long[] totalByOutcome = new long[OUTCOMES.length];
    private long added;

    LiveHistory(long ringSize) {
        this.ringSize = ringSize;
    }

    synchronized void add(Second s) {
        int i = (int) (added++ % SECONDS);
        epochSecond[i] = s.epochSecond;
        responses[i] = s.responses;
        p50[i] = s.p50Micros;
        p99[i] = s.p99Micros;
        p999[i] = s.p999Micros;
        max[i] = s.maxMicros;
        ringFree[i] = s.ringFree;
        ledgerLag[i] = s.ledgerLag;
        connections[i] = s.connections;
        inFlight[i] = s.inFlight;
        openHolds[i] = s.openHolds;
        System.arraycopy(s.byOutcome, 0, byOutcome[i], 0, OUTCOMES.length);
        for (int o = 0; o < OUTCOMES.length; o++) {
            totalByOutcome[o] += s.byOutcome[o];
        }
    }

    /** The snapshots, oldest first, as JSON (see docs/ops.md for the fields). */
    synchronized String json() {
        int n = (int) Math.min(added, SECONDS);
        int first = (int) ((added - n) % SECONDS);
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("{\"seconds\":").append(n).append(",\"ringSize\":").append(ringSize);
        longs(out, "t", epochSecond, first, n);
        longs(out, "rate", responses, first, n);
        doubles(out, "p50", p50, first, n);
        doubles(out, "p99", p99, first, n);
        doubles(out, "p999", p999, first, n);
        doubles(out, "max", max, first, n);
        longs(out, "ringFree", ringFree, first, n);
        doubles(out, "ledgerLag", ledgerLag, first, n);
        longs(out, "connections", connections, first, n);
        longs(out, "inFlight", inFlight, first, n);
        doubles(out, "openHolds", openHolds, first, n);
        declines(out, first, n);
        return out.append('}').toString();
    }

    /** Every outcome but approval that occurred in the window: last minute, window and since start. */
    private void declines(StringBuilder out, int first, int n) {
        out.append(",\"declines\":[");
        boolean any = false;
        for (Outcome o : OUTCOMES) {
            if (o.approved()) {
                continue;
            }
            long window = 0;
            long lastMinute = 0;
            for (int k = 0; k < n; k++) {
                long v = byOutcome[(first + k) % SECONDS][o.ordinal()];
                window += v;
                if (k >= n - 60) {
                    lastMinute += v;
                }
            }
            if (totalByOutcome[o.ordinal()] == 0) {
                continue;
            }
            out.append(any ? "," : "").append("{\"outcome\":\"").append(o.name())
                    .append("\",\"de39\":\"").append(ResponseCodes.de39String(o))
                    .append("\",\"reason\":").append(ResponseCodes.reason(o))
                    .append(",\"lastMinute\":").append(lastMinute)
                    .append(",\"window\":").append(window)
                    .append(",\"total\":").append(totalByOutcome[o.ordinal()]).append('}');
            any = true;
        }
        out.append(']');
    }

    private static void longs(StringBuilder out, String name, long[] values, int first, int n) {
        out.append(",\"").append(name).append("\":[");
        for (int k = 0; k < n; k++) {
            out.append(k == 0 ? "" : ",").append(values[(first + k) % SECONDS]);
        }
        out.append(']');
    }

    private static void doubles(StringBuilder out, String name, double[] values, int first, int n) {
        out.append(",\"").append(name).append("\":[");
        for (int k = 0; k < n; k++) {
            double v = values[(first + k) % SECONDS];
            out.append(k == 0 ? "" : ",");
            if (Double.isFinite(v)) {
                out.append(Math.round(v * 10) / 10.0);
            } else {
                out.append("null");
            }
        }
        out.append(']');
    }
}
