package io.tatekae.bench.load;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/** What one run measured, and whether it met the objective with every answer right and in time. */
record RunResult(LoadRun.Settings settings, RunStats stats, double seconds) {
    /** Below this share of the offered rate answered, the server did not keep up. */
    static final double KEPT_UP = 0.95;

    Histogram latency() {
        return stats.total;
    }

    double rate() {
        return settings.rate();
    }

    double achievedRate() {
        return stats.responses.get() / seconds;
    }

    /** Microseconds at a percentile (timeouts count at the timeout). */
    double micros(double percentile) {
        Histogram h = stats.total;
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMicros() {
        Histogram h = stats.total;
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    /** Every reason this run does not hold: errors of any kind, a missed objective, a rate not kept up. */
    List<String> failures(Slo slo) {
        List<String> f = new ArrayList<>();
        if (stats.wrong.get() > 0) {
            f.add(stats.wrong.get() + " wrong answers");
        }
        if (stats.shed.get() > 0) {
            f.add(stats.shed.get() + " answered 91 (shed)");
        }
        if (stats.timeouts.get() > 0) {
            f.add(stats.timeouts.get() + " timeouts (" + settings.timeoutNanos() / 1_000_000 + " ms; "
                    + stats.late.get() + " answered later)");
        }
        if (stats.unmatched.get() > 0) {
            f.add(stats.unmatched.get() + " answers matching no pending request");
        }
        if (stats.malformed.get() > 0) {
            f.add(stats.malformed.get() + " answers that do not parse");
        }
        if (stats.connectionErrors.get() > 0) {
            f.add(stats.connectionErrors.get() + " connection errors");
        }
        f.addAll(slo.missed(stats.total));
        if (!keptUp()) {
            f.add(String.format("answered %.0f/s of %.0f/s offered", achievedRate(), rate()));
        }
        return f;
    }

    /** True when the server kept up: at least 95% of the offered rate was answered within the window. */
    boolean keptUp() {
        return achievedRate() >= KEPT_UP * rate();
    }

    String summaryRow() {
        return String.format("%-8s %-8s %9.0f %10.0f %10.1f %10.1f %10.1f %10.1f %8d %8d %8d %8d",
                settings.label(), settings.phase(), rate(), achievedRate(), micros(50), micros(99), micros(99.9),
                maxMicros(), stats.shed.get(), stats.timeouts.get(), stats.wrong.get(),
                stats.unmatched.get() + stats.malformed.get() + stats.connectionErrors.get());
    }

    static String summaryHeader() {
        return String.format("%-8s %-8s %9s %10s %10s %10s %10s %10s %8s %8s %8s %8s", "server", "phase", "offered/s",
                "achieved/s", "p50 us", "p99 us", "p99.9 us", "max us", "shed 91", "timeout", "wrong", "other");
    }
}
