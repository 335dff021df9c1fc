package io.tatekae.bench.load;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.spec.ProfileSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/load}: an open-loop, coordinated-omission-free load tester for any server that speaks
 * the profile, with a capacity search and two baselines (an echo server and a stock jPOS server around
 * the same engine) measured in the same run. See {@link LoadOptions#USAGE}.
 */
public final class LoadTester {
    private final LoadOptions o;
    private final PrintStream out;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<TargetResults> results = new ArrayList<>();

    LoadTester(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        String command = a.isEmpty() ? "" : a.getFirst();
        List<String> rest = a.isEmpty() ? a : a.subList(1, a.size());
        try {
            switch (command) {
                case "run" -> System.exit(run(rest, System.out));
                case "cards" -> writeCards(rest);
                case "echo-server" -> serveEcho(rest);
                case "jpos-server" -> serveJpos(rest);
                default -> {
                    System.err.print(LoadOptions.USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("scripts/load: " + e.getMessage() + " (try scripts/load --help)");
            System.exit(2);
        }
    }

    /** Runs the load test; returns the exit status (0 pass, 1 fail). */
    static int run(List<String> args, PrintStream out) throws IOException, InterruptedException {
        LoadTester tester = new LoadTester(LoadOptions.parse(args), out);
        try {
            return tester.runAll();
        } catch (IOException e) {
            out.println("load: " + e.getMessage());
            return 1;
        } finally {
            tester.closeOwned();
        }
    }

    int runAll() throws IOException, InterruptedException {
        CardPool pool = CardPool.read(o.cards(), (long) o.velocity() * Workload.maxAmount(), o.cvkA(), o.cvkB());
        FrameCodec codec = new FrameCodec(ProfileSpec.load());
        out.printf("load: %d approving cards, mix %s, %d connections, objective %s%n",
                pool.approving.size(), o.mix(), o.connections(), o.slo());
        List<TargetResults> all = results;
        all.add(measure(o.label(), o.host(), o.port(), o.anyResponse(), o.firstCard(), pool, codec));
        if (o.baselineEcho() != null) {
            HostPort hp = baseline(o.baselineEcho(), "echo");
            all.add(measure("echo", hp.host(), hp.port(), true, o.firstCard(), pool, codec));
        }
        if (o.baselineJpos() != null) {
            HostPort hp = baseline(o.baselineJpos(), "jpos");
            // A baseline in its own process lives as long as the switch across runs: the same cards are used up in step.
            all.add(measure("jpos", hp.host(), hp.port(), false, o.baselineJpos().equals("in-process") ? 0 : o.firstCard(), pool, codec));
        }
        Comparison comparison = new Comparison(all, o.capacity());
        printSummary(all, comparison);
        HtmlReport.write(o.report(), o, all, comparison);
        out.println("HTML report: " + o.report().toAbsolutePath());
        return verdict(all);
    }

    /** What {@link #runAll} measured: the target first, then the baselines. */
    List<TargetResults> results() {
        return results;
    }

    private TargetResults measure(String label, String host, int port, boolean any, int firstCard, CardPool pool,
                                  FrameCodec codec) throws IOException, InterruptedException {
        TargetResults results = new TargetResults(label);
        ApprovedRing approved = new ApprovedRing(1 << 16);
        Workload workload = new Workload(codec, pool, o.mix(), o.velocity(), firstCard, approved);
        Primer.prime(codec, host, port, workload.velocityPrimers(), any, o.timeoutNanos());
        double rate = o.capacity() ? o.startRate() : o.rate();
        try {
            while (true) {
                RunResult r = new LoadRun(o.settings(label, host, port, rate, any), workload, approved, codec, out).run();
                results.runs.add(r);
                List<String> failures = r.failures(o.slo());
                if (!r.keptUp()) {
                    failures.add(String.format("answered %.0f/s of %.0f/s offered", r.achievedRate(), rate));
                }
                report(r, failures);
                if (!o.capacity()) {
                    break;
                }
                if (!failures.isEmpty()) {
                    results.stopReason = String.format("at %.0f/s: %s", rate, String.join("; ", failures));
                    break;
                }
                results.knee = rate;
                rate = Math.round(rate * o.stepFactor());
                if (rate > o.maxRate()) {
                    results.stopReason = "reached --max-rate";
                    break;
                }
            }
        } catch (Workload.CardsExhaustedException e) {
            results.stopReason = e.getMessage();
            out.println(label + ": " + e.getMessage());
        }
        if (o.capacity() && !results.runs.isEmpty()) {
            out.printf("%s: knee %.0f/s (%s)%n", label, results.knee, results.stopReason);
        }
        out.println(label + ": next run against the same server: --first-card " + workload.nextFirstCard());
        return results;
    }

    private void report(RunResult r, List<String> failures) {
        out.println();
        out.println(RunResult.summaryHeader());
        out.println(r.summaryRow());
        out.printf("%s: send lag (tester's own scheduling delay) p99 %.1f us, max %.1f us; %d reversals had no approval yet and became balance inquiries%n",
                r.settings().label(), r.stats().totalSendLag.getValueAtPercentile(99) / 1000.0,
                r.stats().totalSendLag.getMaxValue() / 1000.0, r.substitutedReversals());
        out.println("Latency by percentile (microseconds), " + r.settings().label() + " at " + (long) r.settings().rate() + "/s:");
        r.latency().outputPercentileDistribution(out, 5, 1000.0);
        for (String s : r.stats().samples()) {
            out.println("  " + s);
        }
        out.println(failures.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", failures));
        out.println();
    }

    private void printSummary(List<TargetResults> all, Comparison comparison) {
        out.println("=== Summary ===");
        out.println(RunResult.summaryHeader());
        for (TargetResults t : all) {
            for (RunResult r : t.runs) {
                out.println(r.summaryRow());
            }
        }
        for (String line : comparison.lines()) {
            out.println(line);
        }
    }

    private int verdict(List<TargetResults> all) {
        for (TargetResults t : all) {
            for (RunResult r : t.runs) {
                long correctness = r.stats().wrong.get() + r.stats().unmatched.get() + r.stats().malformed.get();
                if (correctness > 0) {
                    return 1;
                }
            }
        }
        if (o.capacity()) {
            return all.getFirst().knee > 0 ? 0 : 1;
        }
        RunResult target = all.getFirst().runs.getFirst();
        return target.failures(o.slo()).isEmpty() && target.keptUp() ? 0 : 1;
    }

    record HostPort(String host, int port) {
    }

    /** Where the baseline listens; starts it in this JVM when {@code spec} is "in-process". */
    private HostPort baseline(String spec, String kind) throws IOException {
        if (spec.equals("in-process")) {
            if (kind.equals("echo")) {
                EchoServer echo = new EchoServer("127.0.0.1", 0);
                owned.add(echo);
                return new HostPort("127.0.0.1", echo.port());
            }
            SwitchConfig config = ConfigLoader.load(o.baselineConfig(), Overrides.NONE);
            JposBaselineServer jpos = new JposBaselineServer(config, o.cards(), 0);
            owned.add(jpos);
            return new HostPort("127.0.0.1", jpos.port());
        }
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--baseline-" + kind + " must be HOST:PORT or in-process, not " + spec);
        }
        return new HostPort(spec.substring(0, colon),
                (int) LoadOptions.number(Map.of("port", spec.substring(colon + 1)), "port", 0, 1, 65535));
    }

    void closeOwned() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                out.println("could not stop a baseline: " + e.getMessage());
            }
        }
    }

    private static void writeCards(List<String> args) throws IOException {
        Map<String, String> o = LoadOptions.parseArgs(args, Set.of("count", "out"), Set.of());
        if (!o.containsKey("out")) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        int count = (int) LoadOptions.number(o, "count", 10_000, 2, 10_000_000);
        CardPool.writeLoadCards(Path.of(o.get("out")), count);
        System.out.println("wrote " + count + " approving cards and 4 decline cards to " + o.get("out"));
    }

    private static void serveEcho(List<String> args) throws IOException, InterruptedException {
        Map<String, String> o = LoadOptions.parseArgs(args, Set.of("host", "port"), Set.of());
        EchoServer echo = new EchoServer(o.getOrDefault("host", "127.0.0.1"), (int) LoadOptions.number(o, "port", 9583, 0, 65535));
        System.out.println("echo server on port " + echo.port() + " (Ctrl-C stops it)");
        Thread.currentThread().join();
    }

    private static void serveJpos(List<String> args) throws IOException, InterruptedException {
        Map<String, String> o = LoadOptions.parseArgs(args, Set.of("cards", "config", "port"), Set.of());
        if (!o.containsKey("cards")) {
            throw new IllegalArgumentException("--cards FILE is required");
        }
        SwitchConfig config = ConfigLoader.load(Path.of(o.getOrDefault("config", "config/switch.yaml")), Overrides.NONE);
        JposBaselineServer jpos = new JposBaselineServer(config, Path.of(o.get("cards")),
                (int) LoadOptions.number(o, "port", 9584, 0, 65535));
        System.out.println("stock-jPOS baseline on port " + jpos.port() + " (Ctrl-C stops it)");
        Thread.currentThread().join();
    }
}
