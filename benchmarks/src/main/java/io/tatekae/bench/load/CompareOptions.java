package io.tatekae.bench.load;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The command line of {@code scripts/load compare}: which servers, where their files go, and the pattern. */
record CompareOptions(Path out, Path cards, int cardCount, List<String> servers, Path switchConfig, boolean keepData,
                      boolean gcLogs, int quietWaitSeconds, int startTimeoutSeconds, Path report, LoadPattern pattern) {

    static final List<String> SERVERS = List.of("echo", "jpos", "switch");
    static final String DEFAULT_CONFIG = "config/switch.yaml";

    static final String USAGE = """
            compare options (each server in its own process, one after another, started and stopped by the tester):
              --out DIR                cards, logs, data folders and report (default target/load-compare-<UTC time>)
              --cards FILE             a provisioning file to load into the servers (default: DIR/cards.jsonl, written)
              --card-count N           load cards in that file (default 200000)
              --servers LIST           which, in this order (default echo,jpos,switch)
              --switch-config FILE     configuration of the switch and the jPOS baseline (default config/switch.yaml, the
                                       default configuration; any other is named in the report)
              --keep-data              keep the switch's and the jPOS baseline's data folders under DIR
              --gc-logs                each server's JVM logs its collections to DIR/gc-SERVER.log (-Xlog:gc; the
                                       switch through JAVA_TOOL_OPTIONS, since scripts/run starts it)
              --quiet-wait N           before each server, wait up to N s for the 1-minute load average to fall to 0.5 (default 0)
              --start-timeout N        seconds a server may take to start listening (default 600)
              --report FILE            HTML report (default DIR/report.html)
            """;

    private static final Set<String> FLAGS = Set.of("keep-data", "gc-logs");
    private static final Set<String> OWN = Set.of("out", "cards", "card-count", "servers", "switch-config", "keep-data",
            "gc-logs", "quiet-wait", "start-timeout", "report");

    static CompareOptions parse(List<String> args) {
        Args a = LoadPattern.argsWithPattern(args, OWN, FLAGS);
        Path out = a.path("out", "target/load-compare-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> servers = Arrays.stream(a.text("servers", String.join(",", SERVERS)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String s : servers) {
            if (!SERVERS.contains(s)) {
                throw new IllegalArgumentException("--servers: unknown server \"" + s + "\" (echo, jpos, switch)");
            }
        }
        if (servers.isEmpty() || new HashSet<>(servers).size() != servers.size()) {
            throw new IllegalArgumentException("--servers: name each of echo, jpos, switch at most once, at least one");
        }
        return new CompareOptions(out, a.path("cards", null), (int) a.number("card-count", 200_000, 3, 10_000_000), servers,
                a.path("switch-config", null), a.has("keep-data"), a.has("gc-logs"), (int) a.number("quiet-wait", 0, 0, 3600),
                (int) a.number("start-timeout", 600, 1, 86_400), a.path("report", out.resolve("report.html").toString()),
                LoadPattern.parse(a));
    }
}
