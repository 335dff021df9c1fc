package io.tatekae.bench.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a server stops holding the objective: the highest rate that held, bracketed by the lowest rate
 * above it that failed. Starts from what the fixed rates found and bisects (geometric mean) that bracket
 * {@code bisections} times; when every rate held it steps up by {@code stepFactor} to {@code maxRate}
 * first; when no rate held it steps down below the lowest instead. A lower rate that failed (a stall
 * in its 8 s) does not hide the knee above it, and is not hidden either: the result names it.
 */
final class CapacitySearch {
    /** Closer than this (hi / lo) the search stops: the steps would be lost in the noise of 8-s runs. */
    private static final double RESOLUTION = 1.05;

    private final double stepFactor;
    private final double maxRate;
    private final int bisections;
    private final TreeMap<Double, List<String>> tried = new TreeMap<>();
    private int bisected;
    private int steppedDown;
    private String stopped;

    CapacitySearch(double stepFactor, double maxRate, int bisections) {
        this.stepFactor = stepFactor;
        this.maxRate = maxRate;
        this.bisections = bisections;
    }

    /** A rate run and why it did not hold (empty: it held). */
    void record(double rate, List<String> failures) {
        tried.put(rate, List.copyOf(failures));
    }

    /** The search cannot go on (say why): the result stands as found so far. */
    void stop(String why) {
        stopped = why;
    }

    /** The next rate to run, or NaN when the search is done. */
    double next() {
        if (stopped != null || tried.isEmpty()) {
            return Double.NaN;
        }
        Double hi = kneeFailed();
        if (hi == null) {
            double top = tried.lastKey();
            return top >= maxRate ? Double.NaN : Math.min(maxRate, round(top * stepFactor));
        }
        Double lo = highestHeld();
        if (lo == null) {
            if (steppedDown >= bisections || hi / stepFactor < 1) {
                return Double.NaN;
            }
            steppedDown++;
            return round(hi / stepFactor);
        }
        if (bisected >= bisections || hi / lo <= RESOLUTION) {
            return Double.NaN;
        }
        double mid = round(Math.sqrt(lo * hi));
        if (mid <= lo || mid >= hi) {
            return Double.NaN;
        }
        bisected++;
        return mid;
    }

    private Double highestHeld() {
        for (Map.Entry<Double, List<String>> e : tried.descendingMap().entrySet()) {
            if (e.getValue().isEmpty()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The lowest failed rate above the highest that held (the lowest failed one when none held); null: none failed above. */
    private Double kneeFailed() {
        Double held = highestHeld();
        for (Map.Entry<Double, List<String>> e : (held == null ? tried : tried.tailMap(held, false)).entrySet()) {
            if (!e.getValue().isEmpty()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Failed rates below the highest that held, as "also missed at R/s (why)". */
    private String lowerMisses() {
        Double held = highestHeld();
        StringBuilder s = new StringBuilder();
        if (held != null) {
            for (Map.Entry<Double, List<String>> e : tried.headMap(held, false).entrySet()) {
                if (!e.getValue().isEmpty()) {
                    s.append(String.format("; also missed at %,.0f/s, below it (%s)", e.getKey(), String.join("; ", e.getValue())));
                }
            }
        }
        return s.toString();
    }

    /** What the search found. */
    Capacity result() {
        Double hi = kneeFailed();
        if (hi == null) {
            double top = tried.isEmpty() ? 0 : tried.lastKey();
            return new Capacity(top, Double.NaN, true, (stopped != null ? stopped
                    : top >= maxRate ? "held up to --max-rate" : "held at the highest rate tried") + lowerMisses());
        }
        Double lo = highestHeld();
        String why = String.join("; ", tried.get(hi));
        return new Capacity(lo == null ? 0 : lo, hi, false, (stopped != null ? stopped + "; " : "")
                + String.format("at %,.0f/s: %s", hi, why) + lowerMisses());
    }

    /** Rates of 1,000/s and more to the nearest 100/s, lower ones to the nearest 10/s. */
    static double round(double rate) {
        double unit = rate >= 1000 ? 100 : rate >= 100 ? 10 : 1;
        return Math.max(1, Math.round(rate / unit) * unit);
    }

    /**
     * @param rate       the highest rate that held (0: none held)
     * @param failedAt   the lowest rate above it that failed (NaN: none did)
     * @param atLeast    no rate above it failed: the capacity is at least {@code rate}
     * @param reason     why the search ended there
     */
    record Capacity(double rate, double failedAt, boolean atLeast, String reason) {
        String describe() {
            if (atLeast) {
                return String.format(">= %,.0f/s (%s)", rate, reason);
            }
            return rate == 0 ? String.format("< %,.0f/s (%s)", failedAt, reason)
                    : String.format("%,.0f/s (%s)", rate, reason);
        }
    }
}
