package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The tables a session or a comparison prints: every measured run of every server, p99 per rate side
 * by side with the subject's ratios to each baseline, and the capacities with their ratios. The
 * subject is the server labelled "switch" (else the last); the others are its baselines.
 */
final class Comparison {
    private final List<ServerResults> all;
    private final ServerResults subject;
    private final Slo objective;

    Comparison(List<ServerResults> all, Slo objective) {
        this.all = all;
        this.objective = objective;
        this.subject = all.stream().filter(s -> s.label.equals("switch")).findFirst().orElse(all.getLast());
    }

    ServerResults subject() {
        return subject;
    }

    List<ServerResults> baselines() {
        return all.stream().filter(s -> s != subject).toList();
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("=== Every measured run (latency in microseconds from the due time; warm-up and settle steps left out) ===");
        out.add(RunResult.summaryHeader());
        for (ServerResults s : all) {
            s.measured().forEach(r -> out.add(r.summaryRow()));
            RunResult w = s.warmup();
            if (w != null || s.unmeasuredErrors() > 0) {
                out.add(String.format("%-8s JIT warm-up %s; errors outside the measured runs (warm-up, settle): %d", s.label,
                        w == null ? "none" : String.format("%,.0f/s for %.0f s, p99 %.1f us", w.rate(), w.settings().seconds(),
                                w.micros(99)), s.unmeasuredErrors()));
            }
            s.notes.forEach(n -> out.add(String.format("%-8s note: %s", s.label, n)));
        }
        if (all.stream().anyMatch(s -> !s.inside.isEmpty())) {
            out.add("");
            out.add("=== Inside the switch, by phase (its own histograms: frame decoded to answer flushed; the rest of"
                    + " the tester's latency is outside that window) ===");
            all.forEach(s -> out.addAll(s.inside));
        }
        if (all.size() > 1) {
            out.add("");
            out.addAll(sideBySide());
        }
        if (all.stream().anyMatch(s -> s.capacity != null)) {
            out.add("");
            out.addAll(capacities());
        }
        return out;
    }

    /** p99 (p50) per fixed rate, one column per server, and the subject's p99 over each baseline's. */
    List<String> sideBySide() {
        List<String> out = new ArrayList<>();
        out.add("=== p99 (p50) by offered rate, microseconds; ratios of p99 ===");
        StringBuilder h = new StringBuilder(String.format("%10s", "offered/s"));
        all.forEach(s -> h.append(String.format(" %22s", s.label)));
        baselines().forEach(b -> h.append(String.format(" %14s", subject.label + "/" + b.label)));
        out.add(h.toString());
        TreeSet<Double> rates = new TreeSet<>();
        all.forEach(s -> s.fixed().forEach(r -> rates.add(r.rate())));
        for (double rate : rates) {
            StringBuilder row = new StringBuilder(String.format("%,10.0f", rate));
            for (ServerResults s : all) {
                RunResult r = s.at(rate);
                row.append(r == null ? String.format(" %22s", "-") : String.format(" %22s",
                        String.format("%,.1f (%,.1f)", r.micros(99), r.micros(50))));
            }
            RunResult t = subject.at(rate);
            for (ServerResults b : baselines()) {
                RunResult r = b.at(rate);
                row.append(String.format(" %14s", t == null || r == null ? "-" : String.format("%.2f", t.micros(99) / r.micros(99))));
            }
            out.add(row.toString());
        }
        return out;
    }

    List<String> capacities() {
        List<String> out = new ArrayList<>();
        out.add("=== Capacity at " + objective + " (every answer right, nothing shed or timed out, >= 95 % of the rate answered) ===");
        for (ServerResults s : all) {
            out.add(String.format("%-8s %s", s.label, s.capacity == null ? "not searched" : s.capacity.describe()));
        }
        for (ServerResults b : baselines()) {
            out.add(String.format("capacity %s/%s: %s", subject.label, b.label, ratio(subject.capacity, b.capacity)));
        }
        return out;
    }

    /** The subject's capacity over a baseline's, with the bound it is when either is only a bound. */
    static String ratio(CapacitySearch.Capacity a, CapacitySearch.Capacity b) {
        if (a == null || b == null) {
            return "-";
        }
        if (b.rate() == 0) {
            return "- (the baseline held at no rate)";
        }
        double r = a.rate() / b.rate();
        String bound = a.atLeast() && b.atLeast() ? "" : a.atLeast() ? ">= " : b.atLeast() ? "<= " : "";
        if (a.rate() == 0) {
            return String.format("< %.2f", a.failedAt() / b.rate());
        }
        return String.format("%s%.2f (%,.0f / %,.0f)", bound, r, a.rate(), b.rate())
                + (a.atLeast() && b.atLeast() ? " (both bounds: raise --max-rate)" : "");
    }
}
