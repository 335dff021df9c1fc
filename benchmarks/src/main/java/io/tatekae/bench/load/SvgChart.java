package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small line chart as inline SVG (no script, no external resource). Y may be logarithmic. */
final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int W = 860;
    private static final int H = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    record Series(String name, double[] x, double[] y) {
    }

    /** An x-axis tick at {@code x}, labelled {@code label}. */
    record Tick(double x, String label) {
    }

    private final String xTitle;
    private final String yTitle;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private List<Tick> xTicks = List.of();

    SvgChart(String xTitle, String yTitle, boolean logY) {
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.logY = logY;
    }

    SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    SvgChart xTicks(List<Tick> ticks) {
        xTicks = ticks;
        return this;
    }

    String render() {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double y = ty(s.y()[i]);
                if (Double.isNaN(y)) {
                    continue;
                }
                minX = Math.min(minX, s.x()[i]);
                maxX = Math.max(maxX, s.x()[i]);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (minX > maxX) {
            return "<p>(no data)</p>";
        }
        if (logY) {
            minY = Math.floor(minY);
            maxY = Math.ceil(maxY);
        }
        if (maxY - minY < 1e-9) {
            maxY = minY + 1;
        }
        if (maxX - minX < 1e-9) {
            maxX = minX + 1;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">", W, H));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" stroke=\"#999\"/>",
                LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        yAxis(b, minY, maxY);
        xAxis(b, minX, maxX);
        int k = 0;
        for (Series s : series) {
            String color = COLORS[k % COLORS.length];
            b.append("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").append(color).append("\" points=\"");
            for (int i = 0; i < s.x().length; i++) {
                double y = ty(s.y()[i]);
                if (!Double.isNaN(y)) {
                    b.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.x()[i], minX, maxX), py(y, minY, maxY)));
                }
            }
            b.append("\"/>");
            int ly = TOP + 14 + 16 * k;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>",
                    W - RIGHT + 10, ly - 4, W - RIGHT + 30, ly - 4, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", W - RIGHT + 35, ly, HtmlReport.escape(s.name())));
            k++;
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                LEFT + (W - LEFT - RIGHT) / 2, H - 8, HtmlReport.escape(xTitle)));
        b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>",
                TOP + (H - TOP - BOTTOM) / 2, TOP + (H - TOP - BOTTOM) / 2, HtmlReport.escape(yTitle)));
        return b.append("</svg>").toString();
    }

    private void yAxis(StringBuilder b, double minY, double maxY) {
        int steps = logY ? (int) Math.round(maxY - minY) : 5;
        for (int i = 0; i <= steps; i++) {
            double v = minY + (maxY - minY) * i / steps;
            double y = py(v, minY, maxY);
            String label = logY ? number(Math.pow(10, v)) : number(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, y, W - RIGHT, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4, y + 4, label));
        }
    }

    private void xAxis(StringBuilder b, double minX, double maxX) {
        List<Tick> ticks = xTicks;
        if (ticks.isEmpty()) {
            ticks = new ArrayList<>();
            for (int i = 0; i <= 6; i++) {
                double v = minX + (maxX - minX) * i / 6;
                ticks.add(new Tick(v, number(v)));
            }
        }
        for (Tick t : ticks) {
            double x = px(t.x(), minX, maxX);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", x, TOP, x, H - BOTTOM));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, H - BOTTOM + 14, t.label()));
        }
    }

    private double ty(double y) {
        if (Double.isNaN(y)) {
            return Double.NaN;
        }
        return logY ? (y > 0 ? Math.log10(y) : Double.NaN) : y;
    }

    private static double px(double x, double minX, double maxX) {
        return LEFT + (x - minX) / (maxX - minX) * (W - LEFT - RIGHT);
    }

    private static double py(double y, double minY, double maxY) {
        return H - BOTTOM - (y - minY) / (maxY - minY) * (H - TOP - BOTTOM);
    }

    private static String number(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return Math.abs(v) >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }
}
