package io.tatekae.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A Prometheus histogram (fixed {@code le} buckets, cumulative since start) fed once a second from
 * the HdrHistogram interval the hot thread recorded, so the hot thread never touches it. Written in
 * the Prometheus text format next to Micrometer's scrape.
 */
final class CumulativeHistogram {
    private final String name;
    private final String help;
    /** Upper bounds in recorded units (nanoseconds, or a plain count), ascending. */
    private final long[] bounds;
    /** How many recorded units make one exposed unit (1e9 for nanoseconds exposed as seconds). */
    private final double unitsPerExposed;
    private final long[] counts;
    private long count;
    private double sum;

    CumulativeHistogram(String name, String help, double[] exposedBounds, double unitsPerExposed) {
        if (exposedBounds.length == 0) {
            throw new IllegalArgumentException(name + ": needs at least one bucket");
        }
        this.name = name;
        this.help = help;
        this.unitsPerExposed = unitsPerExposed;
        this.bounds = new long[exposedBounds.length];
        for (int i = 0; i < exposedBounds.length; i++) {
            bounds[i] = Math.round(exposedBounds[i] * unitsPerExposed);
            if (i > 0 && bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException(name + ": bucket bounds must ascend, " + Arrays.toString(exposedBounds));
            }
        }
        this.counts = new long[bounds.length];
    }

    /** Adds one interval's values (each to the first bucket whose bound is at or above it). */
    synchronized void add(Histogram interval) {
        if (interval.getTotalCount() == 0) {
            return;
        }
        for (HistogramIterationValue v : interval.recordedValues()) {
            long value = interval.medianEquivalentValue(v.getValueIteratedTo());
            long n = v.getCountAtValueIteratedTo();
            int bucket = Arrays.binarySearch(bounds, value);
            if (bucket < 0) {
                bucket = -bucket - 1;
            }
            if (bucket < counts.length) {
                counts[bucket] += n;
            }
            count += n;
            sum += (double) value * n;
        }
    }

    synchronized long count() {
        return count;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Appends # HELP, # TYPE, the cumulative buckets, _sum and _count. */
    synchronized void writeTo(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i];
            out.append(name).append("_bucket{le=\"").append(plain(bounds[i] / unitsPerExposed)).append("\"} ")
                    .append(cumulative).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(count).append('\n');
        out.append(name).append("_sum ").append(sum / unitsPerExposed).append('\n');
        out.append(name).append("_count ").append(count).append('\n');
    }
}
