package io.tatekae.bench.load;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@code scripts/load run}, validated, with messages that name the option. */
record LoadOptions(String host, int port, Path cards, double rate, int seconds, int warmupSeconds, int connections,
                   Mix mix, Slo slo, int velocity, int firstCard, long timeoutNanos, boolean anyResponse, Path report,
                   boolean capacity, double startRate, double stepFactor, double maxRate,
                   String baselineEcho, String baselineJpos, Path baselineConfig, String cvkA, String cvkB, String label) {

    static final String USAGE = """
            Usage: scripts/load run --cards FILE [options]       load test a server that speaks the profile
                   scripts/load cards --count N --out FILE       writes a provisioning file of load cards
                   scripts/load echo-server [--port N]            the I/O-ceiling baseline (frames echoed)
                   scripts/load jpos-server --cards FILE [--config FILE] [--port N]   the stock-jPOS baseline

            run options:
              --host H --port N        the server (default 127.0.0.1:8583)
              --cards FILE             the provisioning file the server was loaded with (cards and expected answers)
              --rate N                 requests per second, open loop (default 2000)
              --seconds N              measured seconds (default 10)    --warmup N   seconds first (default 5)
              --connections N          connections, each pipelined (default 4)
              --mix SPEC               default approval=55,decline=20,balance=10,reversal=8,reversalAdvice=2,advice=5
              --slo SPEC               e.g. p99=1ms,p99.9=5ms: exit 1 when missed (capacity: where the knee is)
              --velocity N             approvals per card the server allows in its window (default 10)
              --first-card N           skip approving cards used by an earlier run on the same server
              --timeout-ms N           an answer later than this is a timeout (default 1500)
              --any-response           any answer frame counts as right (for an echo server)
              --report FILE            HTML report (default target/load-report.html)
              --label S                name of the server in the report (default switch)
              --capacity               steps the rate up (x --step-factor, default 1.5) from --start-rate
                                       (default 1000) to --max-rate (default 100000) until the objective breaks
              --baseline-echo H:P|in-process      also run the same load against an echo server
              --baseline-jpos H:P|in-process      also run it against the stock-jPOS baseline
              --baseline-config FILE   switch configuration for an in-process jPOS baseline (default config/switch.yaml)
              --cvk-a HEX --cvk-b HEX  CAV2 keys (default: the published test keys)
            Exit status: 0 all right and within the objective, 1 wrong answers, timeouts or objective missed, 2 usage.
            """;

    private static final Set<String> FLAGS = Set.of("any-response", "capacity");
    private static final Set<String> KNOWN = Set.of("host", "port", "cards", "rate", "seconds", "warmup", "connections",
            "mix", "slo", "velocity", "first-card", "timeout-ms", "any-response", "report", "capacity", "start-rate",
            "step-factor", "max-rate", "baseline-echo", "baseline-jpos", "baseline-config", "cvk-a", "cvk-b", "label");

    static Map<String, String> parseArgs(List<String> args, Set<String> known, Set<String> flags) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + a + "\"");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (flags.contains(name)) {
                o.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            o.put(name, value);
        }
        return o;
    }

    static LoadOptions parse(List<String> args) {
        Map<String, String> o = parseArgs(args, KNOWN, FLAGS);
        if (!o.containsKey("cards")) {
            throw new IllegalArgumentException("--cards FILE is required (the provisioning file the server was loaded with)");
        }
        double rate = number(o, "rate", 2000, 1, 10_000_000);
        double start = number(o, "start-rate", 1000, 1, 10_000_000);
        double factor = number(o, "step-factor", 1.5, 1.01, 10);
        double max = number(o, "max-rate", 100_000, 1, 10_000_000);
        return new LoadOptions(o.getOrDefault("host", "127.0.0.1"), (int) number(o, "port", 8583, 1, 65535),
                Path.of(o.get("cards")), rate, (int) number(o, "seconds", 10, 1, 86_400),
                (int) number(o, "warmup", 5, 0, 3600), (int) number(o, "connections", 4, 1, 1024),
                Mix.parse(o.getOrDefault("mix", Mix.DEFAULT)),
                o.containsKey("slo") ? Slo.parse(o.get("slo")) : Slo.NONE,
                (int) number(o, "velocity", 10, 1, 1000), (int) number(o, "first-card", 0, 0, 100_000_000),
                (long) number(o, "timeout-ms", 1500, 1, 600_000) * 1_000_000L, o.containsKey("any-response"),
                Path.of(o.getOrDefault("report", "target/load-report.html")), o.containsKey("capacity"),
                start, factor, max, o.get("baseline-echo"), o.get("baseline-jpos"),
                Path.of(o.getOrDefault("baseline-config", "config/switch.yaml")),
                o.getOrDefault("cvk-a", "0123456789ABCDEF"), o.getOrDefault("cvk-b", "FEDCBA9876543210"),
                o.getOrDefault("label", "switch"));
    }

    static double number(Map<String, String> o, String name, double dflt, double min, double max) {
        String v = o.get(name);
        if (v == null) {
            return dflt;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not \"" + v + "\"");
        }
        if (d < min || d > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", not " + v);
        }
        return d;
    }

    LoadRun.Settings settings(String label, String h, int p, double r, boolean any) {
        return new LoadRun.Settings(label, h, p, connections, r, warmupSeconds, seconds, timeoutNanos, any);
    }
}
