package io.tatekae.bench.load;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The run as one self-contained HTML file: tables, a latency-by-percentile plot and the timelines. */
final class HtmlReport {
    private static final double[] PERCENTILE_TICKS = {0, 90, 99, 99.9, 99.99, 99.999};
    private static final int CURVE_POINTS = 120;

    private HtmlReport() {
    }

    static void write(Path file, LoadOptions o, List<TargetResults> all, Comparison comparison) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>tatekae load report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child{text-align:left}pre{font-size:11px;background:#f8f8f8;padding:8px}.fail{color:#b00}")
                .append("</style></head><body>");
        h.append("<h1>tatekae load report</h1><p>").append(escape(Instant.now().toString())).append(" &middot; ")
                .append(escape(o.capacity() ? String.format("capacity search from %.0f/s, x%.2f per step", o.startRate(), o.stepFactor())
                        : String.format("%.0f requests/s", o.rate())))
                .append(" &middot; ").append(o.seconds()).append(" s measured after ").append(o.warmupSeconds()).append(" s warm-up")
                .append(" &middot; ").append(o.connections()).append(" connections, pipelined &middot; mix ").append(escape(o.mix().toString()))
                .append(" &middot; objective ").append(escape(o.slo().toString())).append(" &middot; timeout ")
                .append(o.timeoutNanos() / 1_000_000).append(" ms</p>");
        h.append("<p>Open loop: request <i>i</i> is due at t0 + <i>i</i>/rate and its latency counts from that due time, ")
                .append("so a stall delays every request behind it in these numbers (no coordinated omission). ")
                .append("A timed-out request counts at the timeout.</p>");
        summary(h, all, o);
        if (!comparison.lines().isEmpty()) {
            h.append("<h2>Against the baselines</h2><ul>");
            for (String line : comparison.lines()) {
                h.append("<li>").append(escape(line)).append("</li>");
            }
            h.append("</ul>");
        }
        h.append("<h2>Latency by percentile</h2>").append(percentileChart(all));
        for (TargetResults t : all) {
            RunResult r = o.capacity() ? t.runs.getLast() : t.representative();
            h.append("<h2>Timeline: ").append(escape(t.label)).append(o.capacity() ? " (every step)" : "").append("</h2>");
            h.append(timelineCharts(o.capacity() ? t.runs : List.of(r)));
        }
        h.append("<h2>Percentile tables (microseconds)</h2>");
        for (TargetResults t : all) {
            RunResult r = t.representative();
            h.append("<h3>").append(escape(t.label)).append(String.format(" at %.0f/s", r.settings().rate())).append("</h3><pre>")
                    .append(escape(percentileTable(r.latency()))).append("</pre>");
            for (String sample : r.stats().samples()) {
                h.append("<p class=\"fail\">").append(escape(sample)).append("</p>");
            }
        }
        h.append("</body></html>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static void summary(StringBuilder h, List<TargetResults> all, LoadOptions o) {
        h.append("<h2>Runs</h2><table><tr><th>server</th><th>offered/s</th><th>achieved/s</th><th>p50 &micro;s</th>")
                .append("<th>p99 &micro;s</th><th>p99.9 &micro;s</th><th>p99.99 &micro;s</th><th>max &micro;s</th><th>wrong</th><th>shed (91)</th>")
                .append("<th>timeouts</th><th>other errors</th><th>verdict</th></tr>");
        for (TargetResults t : all) {
            for (RunResult r : t.runs) {
                List<String> f = r.failures(o.slo());
                if (!r.keptUp()) {
                    f.add("did not keep up");
                }
                h.append(String.format("<tr><td>%s</td><td>%.0f</td><td>%.0f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td%s>%s</td></tr>",
                        escape(t.label), r.settings().rate(), r.achievedRate(), r.micros(50), r.micros(99), r.micros(99.9),
                        r.micros(99.99), r.maxMicros(), r.stats().wrong.get(), r.stats().shed.get(), r.stats().timeouts.get(),
                        r.stats().unmatched.get() + r.stats().malformed.get() + r.stats().connectionErrors.get(),
                        f.isEmpty() ? "" : " class=\"fail\"", f.isEmpty() ? "pass" : escape(String.join("; ", f))));
            }
            if (o.capacity()) {
                h.append(String.format("<tr><td colspan=\"13\">%s: knee %.0f/s &mdash; %s</td></tr>", escape(t.label), t.knee,
                        escape(t.stopReason)));
            }
        }
        h.append("</table>");
    }

    private static String percentileChart(List<TargetResults> all) {
        SvgChart chart = new SvgChart("percentile", "latency (microseconds, log)", true);
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (double p : PERCENTILE_TICKS) {
            ticks.add(new SvgChart.Tick(nines(p), p == 0 ? "0" : trim(p)));
        }
        chart.xTicks(ticks);
        for (TargetResults t : all) {
            for (RunResult r : t.runs) {
                Histogram hist = r.latency();
                if (hist.getTotalCount() == 0) {
                    continue;
                }
                double[] x = new double[CURVE_POINTS + 1];
                double[] y = new double[CURVE_POINTS + 1];
                for (int i = 0; i <= CURVE_POINTS; i++) {
                    double p = 100 * (1 - Math.pow(10, -5.0 * i / CURVE_POINTS));
                    x[i] = nines(p);
                    y[i] = hist.getValueAtPercentile(Math.min(p, 100)) / 1000.0;
                }
                chart.add(new SvgChart.Series(String.format("%s %.0f/s", t.label, r.settings().rate()), x, y));
            }
        }
        return chart.render();
    }

    private static String timelineCharts(List<RunResult> runs) {
        SvgChart latency = new SvgChart("second of the run (warm-up included)", "latency (microseconds, log)", true);
        SvgChart rate = new SvgChart("second of the run (warm-up included)", "per second", false);
        List<double[]> p50 = new ArrayList<>(), p99 = new ArrayList<>(), p999 = new ArrayList<>(), max = new ArrayList<>();
        List<double[]> sent = new ArrayList<>(), answered = new ArrayList<>(), errors = new ArrayList<>();
        int second = 0;
        for (RunResult r : runs) {
            for (RunStats.Second s : r.stats().timeline) {
                if (s.second() < 0) {
                    continue;
                }
                double x = ++second;
                p50.add(new double[] {x, s.p50()});
                p99.add(new double[] {x, s.p99()});
                p999.add(new double[] {x, s.p999()});
                max.add(new double[] {x, s.max()});
                sent.add(new double[] {x, s.sent()});
                answered.add(new double[] {x, s.responses()});
                errors.add(new double[] {x, s.errors()});
            }
        }
        latency.add(series("p50", p50)).add(series("p99", p99)).add(series("p99.9", p999)).add(series("max", max));
        rate.add(series("sent", sent)).add(series("answered", answered)).add(series("errors", errors));
        return latency.render() + "<br>" + rate.render();
    }

    private static SvgChart.Series series(String name, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new SvgChart.Series(name, x, y);
    }

    private static String percentileTable(Histogram h) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        h.outputPercentileDistribution(ps, 5, 1000.0);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** x position of a percentile: the number of nines, log10(1 / (1 - p)). */
    private static double nines(double percentile) {
        return Math.log10(1 / Math.max(1e-7, 1 - percentile / 100));
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? String.format("%.0f", p) : Double.toString(p);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
