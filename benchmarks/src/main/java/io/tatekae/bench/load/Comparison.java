package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.List;

/** The first server's throughput and latency as ratios to each baseline's. */
final class Comparison {
    private final List<String> lines = new ArrayList<>();

    Comparison(List<TargetResults> all, boolean capacity) {
        TargetResults target = all.getFirst();
        for (TargetResults b : all.subList(1, all.size())) {
            double common = Math.min(target.knee, b.knee);
            RunResult t = capacity ? target.at(common) : target.representative();
            RunResult r = capacity ? b.at(common) : b.representative();
            String throughput = capacity
                    ? String.format("capacity %.0f/s vs %.0f/s = %.2fx", target.knee, b.knee, target.knee / b.knee)
                    : String.format("achieved %.0f/s vs %.0f/s = %.2fx", t.achievedRate(), r.achievedRate(),
                    t.achievedRate() / r.achievedRate());
            lines.add(String.format("%s / %s: %s; latency%s p50 %.2fx, p99 %.2fx, p99.9 %.2fx, max %.2fx",
                    target.label, b.label, throughput,
                    capacity ? String.format(" (both at %.0f/s)", t.settings().rate()) : "",
                    t.micros(50) / r.micros(50), t.micros(99) / r.micros(99), t.micros(99.9) / r.micros(99.9),
                    t.maxMicros() / r.maxMicros()));
        }
    }

    List<String> lines() {
        return lines;
    }
}
