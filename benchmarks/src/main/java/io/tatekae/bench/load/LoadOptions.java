package io.tatekae.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The command line of {@code scripts/load run}: one server that is already running, and the pattern. */
record LoadOptions(String host, int port, Path cards, String label, boolean anyResponse, int velocity, long approvalsUsed,
                   long maxOpenHolds, Path report, String cvkA, String cvkB, int metricsPort, LoadPattern pattern) {

    static final String USAGE = """
            run options (a server already running, started with --provision FILE):
              --host H --port N        the server (default 127.0.0.1:8583)
              --cards FILE             the provisioning file the server was loaded with (cards and expected answers)
              --velocity N             approvals per card the server allows in its window (default 10)
              --approvals-used N       approvals earlier runs took from this server (printed at the end of each run)
              --max-open-holds N       the server's holds.maxOpenHolds (default 1000000): a phase's holds must fit
              --any-response           any answer frame counts as right (for an echo server)
              --report FILE            HTML report (default target/load-report.html)
              --label S                name of the server in the output (default switch)
              --cvk-a HEX --cvk-b HEX  CAV2 keys (default: the published test keys)
              --metrics-port N         the switch's HTTP port on --host: its own view of each phase is printed
                                       beside the tester's (default 0: none)
            """;

    private static final Set<String> FLAGS = Set.of("any-response");
    private static final Set<String> OWN = Set.of("host", "port", "cards", "velocity", "approvals-used", "max-open-holds",
            "any-response", "report", "label", "cvk-a", "cvk-b", "metrics-port");

    static LoadOptions parse(List<String> args) {
        Args a = LoadPattern.argsWithPattern(args, OWN, FLAGS);
        return new LoadOptions(a.text("host", "127.0.0.1"), (int) a.number("port", 8583, 1, 65535),
                a.requiredPath("cards", "the provisioning file the server was loaded with"), a.text("label", "switch"),
                a.has("any-response"), (int) a.number("velocity", 10, 1, 1000),
                (long) a.number("approvals-used", 0, 0, 1e12), (long) a.number("max-open-holds", 1_000_000, 1, 1e9),
                a.path("report", "target/load-report.html"), a.text("cvk-a", "0123456789ABCDEF"),
                a.text("cvk-b", "FEDCBA9876543210"), (int) a.number("metrics-port", 0, 0, 65535), LoadPattern.parse(a));
    }
}
