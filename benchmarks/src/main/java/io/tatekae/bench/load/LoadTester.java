package io.tatekae.bench.load;

import io.tatekae.config.ConfigException;
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
import java.util.Set;

/**
 * {@code scripts/load}: an open-loop, coordinated-omission-free load tester for any server that speaks
 * the profile ({@code run}), and a comparison of the switch with an echo server and a stock jPOS
 * server, each started in its own process ({@code compare}). See {@link #USAGE}.
 */
public final class LoadTester {
    static final String USAGE = """
            Usage: scripts/load compare [options]          echo server, stock jPOS and the switch, each in its own process,
                                                           one after another, the same pattern each; prints the ratios
                   scripts/load run --cards FILE [options] the pattern against one server that is already running
                   scripts/load cards [--count N] --out FILE   writes a provisioning file of load cards (default 200000)
                   scripts/load echo-server [--port N]     the I/O-ceiling baseline (frames echoed)
                   scripts/load jpos-server --cards FILE [--config FILE] [--port N]   the stock-jPOS baseline

            """ + LoadPattern.USAGE + "\n" + CompareOptions.USAGE + "\n" + LoadOptions.USAGE + """

            Exit status: 0 every server ran and every answer was right (a missed objective or an overloaded rate is a
            result, not a failure); 1 a wrong, unmatched or unparseable answer, or a server that could not be started or
            measured; 2 usage.
            """;

    private LoadTester() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        String command = a.isEmpty() ? "" : a.getFirst();
        List<String> rest = a.isEmpty() ? a : a.subList(1, a.size());
        try {
            switch (command) {
                case "run" -> System.exit(run(rest, System.out));
                case "compare" -> System.exit(new CompareRun(CompareOptions.parse(rest), root(), rest, System.out).run());
                case "cards" -> writeCards(rest);
                case "echo-server" -> serveEcho(rest);
                case "jpos-server" -> serveJpos(rest);
                case "help", "--help", "-h" -> System.out.print(USAGE);
                default -> {
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("scripts/load: the switch configuration: " + e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("scripts/load: " + e.getMessage() + " (try scripts/load --help)");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("scripts/load: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The repository: scripts/load passes it; tests run from a module folder. */
    static Path root() {
        String dir = System.getProperty("tatekae.root", System.getProperty("tatekae.repo.dir", "."));
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** {@code scripts/load run}: returns the exit status. */
    static int run(List<String> args, PrintStream out) throws IOException {
        LoadOptions o = LoadOptions.parse(args);
        ServerResults r = session(o, out);
        List<String> header = new ArrayList<>();
        header.add("=== scripts/load run " + String.join(" ", args));
        header.addAll(Machine.facts());
        header.add("pattern: " + o.pattern().describe());
        Comparison comparison = new Comparison(List.of(r), o.pattern().objective());
        out.println();
        comparison.lines().forEach(out::println);
        HtmlReport.write(o.report(), header, o.pattern(), List.of(r), comparison);
        out.println("HTML report: " + o.report().toAbsolutePath());
        return r.failure == null && r.incorrect() == 0 ? 0 : 1;
    }

    /** The pattern against the server of {@code o}; a server that cannot be reached is a failure in the result. */
    static ServerResults session(LoadOptions o, PrintStream out) throws IOException {
        CardPool pool = CardPool.read(o.cards(), o.velocity() * Workload.maxAmount(), o.cvkA(), o.cvkB());
        FrameCodec codec = new FrameCodec(ProfileSpec.load());
        Session.Target target = new Session.Target(o.label(), o.host(), o.port(), o.anyResponse(), o.metricsPort());
        try {
            return new Session(o.pattern(), target, pool, codec, new RequestTemplates(codec, pool.approving), o.velocity(),
                    o.approvalsUsed(), o.maxOpenHolds(), out).run();
        } catch (IOException e) {
            ServerResults r = new ServerResults(o.label());
            r.failure = e.getMessage();
            out.println(o.label() + ": FAILED: " + e.getMessage());
            return r;
        }
    }

    private static void writeCards(List<String> args) throws IOException {
        Args a = Args.parse(args, Set.of("count", "out"), Set.of());
        Path file = a.requiredPath("out", "where to write the cards");
        int count = (int) a.number("count", 200_000, 3, 10_000_000);
        CardPool.writeLoadCards(file, count);
        System.out.println("wrote " + count + " approving cards and 4 decline cards to " + file);
    }

    private static void serveEcho(List<String> args) throws IOException, InterruptedException {
        Args a = Args.parse(args, Set.of("host", "port", "exit-with-parent"), Set.of("exit-with-parent"));
        EchoServer echo = new EchoServer(a.text("host", "127.0.0.1"), (int) a.number("port", 9583, 0, 65535));
        exitWithParent(a);
        System.out.println("echo server on port " + echo.port() + " (Ctrl-C stops it)");
        Thread.currentThread().join();
    }

    private static void serveJpos(List<String> args) throws IOException, InterruptedException {
        Args a = Args.parse(args, Set.of("cards", "config", "port", "state-dir", "exit-with-parent"), Set.of("exit-with-parent"));
        Path cards = a.requiredPath("cards", "the provisioning file to load");
        SwitchConfig config = ConfigLoader.load(a.path("config", "config/switch.yaml"), Overrides.NONE);
        JposBaselineServer jpos = new JposBaselineServer(config, cards, (int) a.number("port", 9584, 0, 65535),
                a.path("state-dir", null));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                jpos.close();
            } catch (IOException e) {
                System.err.println("stock-jPOS baseline: " + e.getMessage());
            }
        }, "jpos-baseline-stop"));
        exitWithParent(a);
        System.out.println("stock-jPOS baseline on port " + jpos.port() + " (Ctrl-C stops it)");
        Thread.currentThread().join();
    }

    /** With --exit-with-parent, the process ends when the one that started it does (a compare run killed hard). */
    private static void exitWithParent(Args a) {
        if (a.has("exit-with-parent")) {
            ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> System.exit(0)));
        }
    }
}
