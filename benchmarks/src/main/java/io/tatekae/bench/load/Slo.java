package io.tatekae.bench.load;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/** A latency objective such as {@code p99=1ms,p99.9=5ms}: each percentile must be at or under its bound. */
record Slo(List<Bound> bounds) {
    record Bound(double percentile, long nanos, String text) {
    }

    static final Slo NONE = new Slo(List.of());

    static Slo parse(String text) {
        List<Bound> bounds = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !kv[0].startsWith("p")) {
                throw new IllegalArgumentException("--slo: \"" + part + "\" is not like p99=1ms");
            }
            double p;
            try {
                p = Double.parseDouble(kv[0].substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--slo: \"" + kv[0] + "\" is not a percentile like p99.9");
            }
            if (p <= 0 || p > 100) {
                throw new IllegalArgumentException("--slo: percentile " + p + " is not in (0, 100]");
            }
            bounds.add(new Bound(p, duration(kv[1].trim()), part.trim()));
        }
        return new Slo(List.copyOf(bounds));
    }

    /** "250us", "1ms", "1.5ms", "2s" as nanoseconds. */
    static long duration(String s) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                try {
                    double v = Double.parseDouble(s.substring(0, s.length() - u[0].length()));
                    if (v > 0) {
                        return (long) (v * Long.parseLong(u[1]));
                    }
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("--slo: \"" + s + "\" is not a duration like 500us, 1ms or 2s");
    }

    /** The bounds {@code h} misses, described; empty when it meets them all. */
    List<String> missed(Histogram h) {
        List<String> out = new ArrayList<>();
        for (Bound b : bounds) {
            long v = h.getTotalCount() == 0 ? Long.MAX_VALUE : h.getValueAtPercentile(b.percentile());
            if (v > b.nanos()) {
                out.add(b.text() + " missed: p" + b.percentile() + " = "
                        + (v == Long.MAX_VALUE ? "no responses" : String.format("%.1f us", v / 1000.0)));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return bounds.isEmpty() ? "none" : String.join(",", bounds.stream().map(Bound::text).toList());
    }
}
