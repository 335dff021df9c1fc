package io.tatekae.bench.load;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A session or a whole comparison as one self-contained HTML file (inline SVG, no script, nothing
 * fetched): the conditions, the tables and ratios, p99 by rate, latency by percentile at each rate
 * for every server, and each server's timeline second by second.
 */
final class HtmlReport {
    private static final double[] PERCENTILE_TICKS = {0, 90, 99, 99.9, 99.99, 99.999};
    private static final int CURVE_POINTS = 120;

    private HtmlReport() {
    }

    static void write(Path file, List<String> header, LoadPattern pattern, List<ServerResults> all, Comparison comparison)
            throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>tatekae load report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child{text-align:left}pre{font-size:11px;background:#f8f8f8;padding:8px}.fail{color:#b00}")
                .append("</style></head><body><h1>tatekae load report</h1><ul>");
        header.forEach(line -> h.append("<li>").append(escape(line)).append("</li>"));
        h.append("</ul><p>Open loop: request <i>i</i> is due at t0 + <i>i</i>/rate, written on its own (one write per ")
                .append("request, TCP_NODELAY) the moment it is due, and its latency counts from that due time, so a stall ")
                .append("anywhere delays every request behind it in these numbers (no coordinated omission). A timed-out ")
                .append("request counts at the timeout. Each request names the next card of the whole pool. Every answer's ")
                .append("MTI and DE 39 are checked. The JIT warm-up (its own row below) and the settle steps (reversals of ")
                .append("the holds a phase left open) are left out of the comparisons and charts by rate; their errors are not.</p>");
        for (ServerResults s : all) {
            h.append("<h3>").append(escape(s.label)).append("</h3><ul>");
            s.conditions.forEach(c -> h.append("<li>").append(escape(c)).append("</li>"));
            s.notes.forEach(n -> h.append("<li class=\"fail\">").append(escape(n)).append("</li>"));
            if (s.failure != null) {
                h.append("<li class=\"fail\">FAILED: ").append(escape(s.failure)).append("</li>");
            }
            h.append("</ul>");
        }
        h.append("<h2>Runs</h2>").append(runsTable(all, pattern.objective()));
        h.append("<h2>Side by side and capacity</h2><pre>");
        if (all.size() > 1) {
            comparison.sideBySide().forEach(l -> h.append(escape(l)).append('\n'));
        }
        if (all.stream().anyMatch(s -> s.capacity != null)) {
            comparison.capacities().forEach(l -> h.append(escape(l)).append('\n'));
        }
        h.append("</pre><h2>p99 by offered rate</h2>").append(p99ByRate(all));
        h.append("<h2>Latency by percentile, per rate</h2>");
        for (double rate : fixedRates(all)) {
            h.append("<h3>").append(String.format("%,.0f/s", rate)).append("</h3>").append(percentileChart(all, rate));
        }
        for (ServerResults s : all) {
            h.append("<h2>Timeline: ").append(escape(s.label)).append(" (every second of the session: warm-up, rates, ")
                    .append("search, settle steps)</h2>").append(timelineCharts(s.runs));
        }
        h.append("<h2>Percentile tables (microseconds)</h2>");
        for (ServerResults s : all) {
            for (RunResult r : s.measured()) {
                h.append("<details><summary>").append(escape(s.label)).append(String.format(" %s %,.0f/s", r.settings().phase(), r.rate()))
                        .append("</summary><pre>").append(escape(percentileTable(r.latency()))).append("</pre>");
                r.stats().samples().forEach(x -> h.append("<p class=\"fail\">").append(escape(x)).append("</p>"));
                h.append("</details>");
            }
        }
        h.append("</body></html>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static String runsTable(List<ServerResults> all, Slo objective) {
        StringBuilder h = new StringBuilder("<table><tr><th>server</th><th>phase</th><th>offered/s</th><th>achieved/s</th>")
                .append("<th>p50 &micro;s</th><th>p99 &micro;s</th><th>p99.9 &micro;s</th><th>max &micro;s</th><th>shed (91)</th>")
                .append("<th>timeouts</th><th>wrong</th><th>other errors</th><th>writes/request</th><th>")
                .append(escape(objective.toString())).append("</th></tr>");
        for (ServerResults s : all) {
            for (RunResult r : s.runs) {
                if (r.settings().phase().equals(Session.SETTLE)) {
                    continue;
                }
                List<String> f = r.failures(objective);
                RunStats st = r.stats();
                h.append(String.format("<tr><td>%s</td><td>%s</td><td>%,.0f</td><td>%,.0f</td><td>%,.1f</td><td>%,.1f</td>"
                                + "<td>%,.1f</td><td>%,.1f</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.2f</td><td%s>%s</td></tr>",
                        escape(s.label), escape(r.settings().phase()), r.rate(), r.achievedRate(), r.micros(50), r.micros(99),
                        r.micros(99.9), r.maxMicros(), st.shed.get(), st.timeouts.get(), st.wrong.get(),
                        st.unmatched.get() + st.malformed.get() + st.connectionErrors.get(),
                        st.sent.get() == 0 ? 0.0 : st.writeCalls.get() / (double) st.sent.get(),
                        f.isEmpty() ? "" : " class=\"fail\"", f.isEmpty() ? "held" : escape(String.join("; ", f))));
            }
            long settled = s.phase(Session.SETTLE).stream().mapToLong(r -> r.stats().sent.get()).sum();
            long settleErrors = s.phase(Session.SETTLE).stream().mapToLong(r -> r.stats().errors()).sum();
            h.append(String.format("<tr><td colspan=\"14\">%s: %,d approvals and advices (at most %d per card), %,d holds reversed"
                            + " by settle steps (%d errors), %,d left open%s</td></tr>", escape(s.label), s.approvals,
                    s.maxApprovalsPerCard, settled, settleErrors, s.holdsLeftOpen,
                    s.capacity == null ? "" : "; capacity " + escape(s.capacity.describe())));
        }
        return h.append("</table>").toString();
    }

    private static TreeSet<Double> fixedRates(List<ServerResults> all) {
        TreeSet<Double> rates = new TreeSet<>();
        all.forEach(s -> s.fixed().forEach(r -> rates.add(r.rate())));
        return rates;
    }

    private static String p99ByRate(List<ServerResults> all) {
        SvgChart chart = new SvgChart("offered rate per second (log)", "p99 (microseconds, log)", true);
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (double rate : fixedRates(all)) {
            ticks.add(new SvgChart.Tick(Math.log10(rate), String.format("%,.0f", rate)));
        }
        chart.xTicks(ticks);
        for (ServerResults s : all) {
            List<RunResult> runs = new ArrayList<>(s.measured());
            runs.sort((a, b) -> Double.compare(a.rate(), b.rate()));
            double[] x = new double[runs.size()];
            double[] y = new double[runs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.log10(runs.get(i).rate());
                y[i] = runs.get(i).micros(99);
            }
            chart.add(new SvgChart.Series(s.label, x, y));
        }
        return chart.render();
    }

    private static String percentileChart(List<ServerResults> all, double rate) {
        SvgChart chart = new SvgChart("percentile", "latency (microseconds, log)", true);
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (double p : PERCENTILE_TICKS) {
            ticks.add(new SvgChart.Tick(nines(p), p == 0 ? "0" : trim(p)));
        }
        chart.xTicks(ticks);
        for (ServerResults s : all) {
            RunResult r = s.at(rate);
            if (r == null || r.latency().getTotalCount() == 0) {
                continue;
            }
            Histogram hist = r.latency();
            double[] x = new double[CURVE_POINTS + 1];
            double[] y = new double[CURVE_POINTS + 1];
            for (int i = 0; i <= CURVE_POINTS; i++) {
                double p = 100 * (1 - Math.pow(10, -5.0 * i / CURVE_POINTS));
                x[i] = nines(p);
                y[i] = hist.getValueAtPercentile(Math.min(p, 100)) / 1000.0;
            }
            chart.add(new SvgChart.Series(s.label, x, y));
        }
        return chart.render();
    }

    private static String timelineCharts(List<RunResult> runs) {
        SvgChart latency = new SvgChart("second of the session", "latency (microseconds, log)", true);
        SvgChart rate = new SvgChart("second of the session", "per second", false);
        List<double[]> p50 = new ArrayList<>(), p99 = new ArrayList<>(), p999 = new ArrayList<>(), max = new ArrayList<>();
        List<double[]> sent = new ArrayList<>(), answered = new ArrayList<>(), errors = new ArrayList<>();
        int second = 0;
        for (RunResult r : runs) {
            for (RunStats.Second s : r.stats().timeline) {
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
