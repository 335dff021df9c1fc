package io.tatekae.bench.load;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a session does against each server: a JIT warm-up, the fixed rates, then a capacity search,
 * with the mix, connections and objective they use. The defaults are issue 10's pattern: 20 s at
 * 5,000/s of warm-up, 1,000 to 80,000/s for 8 s each, 4 connections, capacity at p99 &lt;= 2 ms.
 */
record LoadPattern(List<Double> rates, int seconds, int warmupSeconds, double warmupRate, Slo objective,
               boolean search, int searchSteps, double stepFactor, double maxRate, int connections, Mix mix,
               long timeoutNanos, double settleRate) {

    static final String DEFAULT_RATES = "1000,5000,10000,20000,40000,80000";
    static final String DEFAULT_OBJECTIVE = "p99=2ms";
    static final Set<String> OPTIONS = Set.of("rates", "rate", "seconds", "jit-warmup", "jit-warmup-rate", "slo",
            "no-search", "search-steps", "step-factor", "max-rate", "connections", "mix", "timeout-ms", "settle-rate");
    static final Set<String> FLAGS = Set.of("no-search");

    static final String USAGE = """
            pattern options (run and compare; the defaults are issue 10's pattern):
              --rates LIST             fixed rates per second, open loop (default 1000,5000,10000,20000,40000,80000)
              --rate N                 one fixed rate (same as --rates N)
              --seconds N              measured seconds per rate (default 8)
              --jit-warmup N           seconds of JIT warm-up per server first, left out of the results (default 20; 0 = none)
              --jit-warmup-rate N      its rate (default 5000)
              --slo SPEC               the objective, e.g. p99=2ms,p99.9=5ms (default p99=2ms): where the capacity is
              --no-search              no capacity search after the fixed rates
              --search-steps N         bisections of the capacity search (default 3; also its steps down below the lowest rate)
              --step-factor F          its steps up when every fixed rate held (default 1.5) ...
              --max-rate N             ... up to this rate (default 200000)
              --connections N          connections, each pipelined (default 4)
              --mix SPEC               default approval=55,decline=20,balance=10,reversal=8,reversalAdvice=2,advice=5
              --timeout-ms N           an answer later than this is a timeout (default 1500)
              --settle-rate N          rate of the reversals that close the holds a phase left open (default 10000)
            """;

    /**
     * Parses the command line of a command that takes the pattern's options beside its own ({@code own}, of
     * which {@code ownFlags} take no value).
     */
    static Args argsWithPattern(List<String> args, Set<String> own, Set<String> ownFlags) {
        Set<String> known = new HashSet<>(own);
        known.addAll(OPTIONS);
        Set<String> flags = new HashSet<>(ownFlags);
        flags.addAll(FLAGS);
        return Args.parse(args, known, flags);
    }

    static LoadPattern parse(Args a) {
        List<Double> rates = a.has("rate") ? List.of(a.number("rate", 0, 1, 10_000_000))
                : a.numbers("rates", DEFAULT_RATES, 1, 10_000_000);
        if (a.has("rate") && a.has("rates")) {
            throw new IllegalArgumentException("--rate and --rates: give one of them");
        }
        return new LoadPattern(rates.stream().sorted().distinct().toList(), (int) a.number("seconds", 8, 1, 86_400),
                (int) a.number("jit-warmup", 20, 0, 3600), a.number("jit-warmup-rate", 5000, 1, 10_000_000),
                Slo.parse(a.text("slo", DEFAULT_OBJECTIVE)), !a.has("no-search"),
                (int) a.number("search-steps", 3, 0, 20), a.number("step-factor", 1.5, 1.01, 10),
                a.number("max-rate", 200_000, 1, 10_000_000), (int) a.number("connections", 4, 1, 1024),
                Mix.parse(a.text("mix", Mix.DEFAULT)), (long) a.number("timeout-ms", 1500, 1, 600_000) * 1_000_000L,
                a.number("settle-rate", 10_000, 1, 10_000_000));
    }

    /** The most requests any one phase of a session may send (for sizing). */
    long maxPhaseRequests() {
        double top = search ? Math.max(maxRate, rates.getLast()) : rates.getLast();
        return (long) Math.ceil(Math.max(warmupRate * warmupSeconds, top * seconds));
    }

    String describe() {
        return String.format("%s; rates %s/s, %d s each; %s; %d connections; mix %s; timeout %d ms",
                warmupSeconds == 0 ? "no JIT warm-up" : String.format("JIT warm-up %d s at %,.0f/s per server", warmupSeconds, warmupRate),
                rates.stream().map(r -> String.format("%,.0f", r)).collect(Collectors.joining(", ")), seconds,
                search ? String.format("capacity search at %s (%d bisections, up x%.2f to %,.0f/s)", objective, searchSteps,
                        stepFactor, maxRate) : "no capacity search (objective " + objective + ")",
                connections, mix, timeoutNanos / 1_000_000);
    }
}
