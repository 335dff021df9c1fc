package io.tatekae.bench.load;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.PosterMode;
import io.tatekae.config.SwitchConfig;
import io.tatekae.spec.ProfileSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code scripts/load compare}: the echo server, the stock jPOS server and the switch, one after
 * another on this machine, each in its own process started here (the switch exactly as a new user
 * starts it: {@code scripts/run} with a fresh data folder, free ports and the load cards), each
 * measured with the same {@link LoadPattern}; then the tables and ratios. Every process it started is
 * stopped and its data folder removed, also on failure or Ctrl-C.
 */
final class CompareRun {
    private static final Duration STOP_GRACE = Duration.ofSeconds(120);
    /** About a quarter of a second on this machine's disk: enough for a p99, short beside a server's turn. */
    private static final int DISK_FLUSH_COMMITS = 2_000;

    private final CompareOptions o;
    private final Path root;
    private final List<String> commandLine;
    private final PrintStream out;
    private final List<ServerProcess> live = new CopyOnWriteArrayList<>();
    private final List<Path> dataDirs = new CopyOnWriteArrayList<>();
    private final List<String> header = new ArrayList<>();
    private final List<ServerResults> results = new ArrayList<>();
    private volatile boolean stopping;
    /** The HTTP port the switch of the current turn was given. */
    private int switchHttpPort;

    /** @param root the repository (scripts/run, config/) */
    CompareRun(CompareOptions o, Path root, List<String> commandLine, PrintStream out) {
        this.o = o;
        this.root = root.toAbsolutePath().normalize();
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison; returns the exit status (0: every server ran and answered right, 1 otherwise). */
    int run() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(o.out()).toAbsolutePath();
        Path config = o.switchConfig() != null ? o.switchConfig().toAbsolutePath() : root.resolve(CompareOptions.DEFAULT_CONFIG);
        SwitchConfig switchConfig = ConfigLoader.load(config, Overrides.NONE);
        Path cards = o.cards() != null ? o.cards().toAbsolutePath() : dir.resolve("cards.jsonl");
        if (o.cards() == null) {
            CardPool.writeLoadCards(cards, o.cardCount());
        }
        int velocity = switchConfig.policy().velocityMaxApprovals();
        CardPool pool = CardPool.read(cards, velocity * Workload.maxAmount(), switchConfig.keys().cvkAHex(),
                switchConfig.keys().cvkBHex());
        Files.copy(config, dir.resolve("switch-config.yaml"), StandardCopyOption.REPLACE_EXISTING);
        describe(config, cards, pool);
        header.forEach(out::println);
        FrameCodec codec = new FrameCodec(ProfileSpec.load());
        RequestTemplates templates = new RequestTemplates(codec, pool.approving);
        Thread cleanup = new Thread(this::stopEverything, "load-compare-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            for (String server : o.servers()) {
                results.add(turn(server, dir, config, cards, pool, codec, templates, velocity,
                        switchConfig.holds().maxOpenHolds(), switchConfig.ledger().poster() == PosterMode.EXTERNAL));
            }
        } finally {
            stopEverything();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook runs anyway
            }
        }
        return report(dir);
    }

    private void describe(Path config, Path cards, CardPool pool) throws IOException {
        header.add("=== scripts/load compare " + String.join(" ", commandLine));
        header.addAll(Machine.facts());
        boolean isDefault = config.equals(root.resolve(CompareOptions.DEFAULT_CONFIG));
        header.add("switch configuration: " + config + (isDefault ? " (the default)" : " (NOT the default configuration)")
                + ", sha-256 " + sha256(config) + ", copied to switch-config.yaml");
        header.add(String.format("cards: %s: %,d approving cards (%,d in the cycle, 1 velocity card) and %d decline cards",
                cards, pool.approving.size(), pool.cycleSize(), pool.specialCount()));
        header.add("pattern: " + o.pattern().describe());
        header.add("servers, one after another, each in its own process: " + String.join(", ", o.servers()));
        header.add("JVM flags of every server (config/jvm.properties " + JvmFlags.COMMON + "): " + String.join(" ", JvmFlags.of(root)));
        String switchOpts = System.getenv("TATEKAE_JAVA_OPTS");
        header.add("and of the switch (scripts/run adds " + (switchOpts != null
                ? "TATEKAE_JAVA_OPTS, set in this environment, instead of " + JvmFlags.SWITCH + "): " + switchOpts
                : JvmFlags.SWITCH + "): " + String.join(" ", JvmFlags.of(root, JvmFlags.SWITCH))));
        header.add("tester JVM: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> !a.startsWith("--add-") && !a.startsWith("-Dtatekae")).toList()));
    }

    /** One server's turn: the load check, its process, its session, its stop and clean-up. */
    private ServerResults turn(String server, Path dir, Path config, Path cards, CardPool pool, FrameCodec codec,
                               RequestTemplates templates, int velocity, long maxOpenHolds, boolean externalPoster)
            throws InterruptedException {
        String before = quietCheck(server, dir);
        ServerProcess process = null;
        ServerProcess poster = null;
        ServerResults r;
        try {
            process = start(server, dir, config, cards);
            int port = process.awaitListening(Duration.ofSeconds(o.startTimeoutSeconds()));
            out.printf("%s: pid %d listening on port %d; log %s%n  started as: %s%n", server, process.pid(), port,
                    process.log(), String.join(" ", process.command()));
            if (server.equals("switch") && externalPoster) {
                poster = startPoster(dir, config);
            }
            Session.Target target = new Session.Target(server, "127.0.0.1", port, server.equals("echo"),
                    server.equals("switch") ? switchHttpPort : 0);
            r = new Session(o.pattern(), target, pool, codec, templates, velocity, 0, maxOpenHolds, out).run();
            if (server.equals("switch")) {
                checkOpenHolds(r);
            }
        } catch (IOException | RuntimeException e) {
            r = new ServerResults(server);
            r.failure = e.getMessage() == null ? e.toString() : e.getMessage();
            out.println(server + ": FAILED: " + r.failure);
        }
        r.conditions.add(before);
        if (poster != null) {
            r.conditions.add("ledger poster (ledger.poster: external) started as: " + String.join(" ", poster.command())
                    + " (pid " + poster.pid() + ", log " + poster.log() + ")");
        }
        if (process != null) {
            r.pid = process.pid();
            r.conditions.add("started as: " + String.join(" ", process.command()) + " (pid " + process.pid() + ", log "
                    + process.log() + ")");
            String how = process.stop(STOP_GRACE);
            live.remove(process);
            r.conditions.add(how);
            out.println(how);
        }
        if (poster != null) {
            String how = poster.stop(STOP_GRACE);
            live.remove(poster);
            r.conditions.add(how);
            out.println(how);
        }
        removeDataDirs();
        return r;
    }

    /** Reads the switch's own count of open holds (its metrics): the settle steps leave none of the tester's. */
    private void checkOpenHolds(ServerResults r) {
        String metrics = SwitchMetricsReader.scrape(switchHttpPort);
        double open = SwitchMetricsReader.value(metrics, "tatekae_open_holds");
        String line = Double.isNaN(open) ? "open holds on the switch after the session: unknown (no tatekae_open_holds on port "
                + switchHttpPort + ")" : String.format("open holds on the switch after the session: %.0f", open);
        r.conditions.add(line);
        out.println("switch: " + line);
        if (open > 0) {
            r.notes.add(line + " (the tester reversed all of its own)");
        }
    }

    /**
     * Prints (and returns) the load average and the disk's flush time before a server's turn, warning
     * when the machine is not quiet.
     */
    private String quietCheck(String server, Path dir) throws InterruptedException {
        long until = System.nanoTime() + o.quietWaitSeconds() * 1_000_000_000L;
        double load = Machine.loadAverage();
        while (load > Machine.QUIET_LOAD && System.nanoTime() < until) {
            Thread.sleep(5_000);
            load = Machine.loadAverage();
        }
        double busy = Machine.cpuBusy(1000);
        String line = String.format("before %s: load average %.2f (1 min) on %d cores; CPU %.0f %% busy over the last second; %s",
                server, load, Runtime.getRuntime().availableProcessors(), busy * 100, diskFlush(dir));
        out.println(line);
        if (load > Machine.QUIET_LOAD) {
            String warning = String.format("WARNING: the machine is not quiet (load average %.2f > %.1f): the numbers below"
                    + " include other work%s", load, Machine.QUIET_LOAD, results.isEmpty() ? ""
                    : " (the previous server's run lifts it for minutes; --quiet-wait N waits for it to fall)");
            out.println(warning);
            line += "\n" + warning;
        }
        return line;
    }

    private static String diskFlush(Path dir) {
        try {
            return DiskFlushProbe.run(dir, DISK_FLUSH_COMMITS).toString();
        } catch (IOException e) {
            return "disk flush: unknown (" + e.getMessage() + ")";
        }
    }

    private ServerProcess start(String server, Path dir, Path config, Path cards) throws IOException {
        Path log = dir.resolve(server + ".log");
        List<String> gcLog = o.gcLogs() ? List.of("-Xlog:gc:file=" + dir.resolve("gc-" + server + ".log")) : List.of();
        Map<String, String> env = Map.of();
        List<String> command = new ArrayList<>();
        switch (server) {
            case "echo" -> command.addAll(testerCommand(gcLog, "echo-server", "--port", "0", "--exit-with-parent"));
            case "jpos" -> {
                Path data = freshDataDir(dir.resolve("jpos-data"));
                command.addAll(testerCommand(gcLog, "jpos-server", "--cards", cards.toString(), "--config", config.toString(),
                        "--port", "0", "--state-dir", data.toString(), "--exit-with-parent"));
            }
            case "switch" -> {
                Path data = freshDataDir(dir.resolve("switch-data"));
                int[] ports = freePorts();
                switchHttpPort = ports[1];
                command.addAll(List.of(root.resolve("scripts/run").toString(), "--data-dir", data.toString(),
                        "--port", Integer.toString(ports[0]), "--http-port", Integer.toString(ports[1]),
                        "--provision", cards.toString()));
                if (o.switchConfig() != null) {
                    command.addAll(List.of("--config", config.toString()));
                }
                env = gcLog.isEmpty() ? env : Map.of("JAVA_TOOL_OPTIONS", gcLog.getFirst());
            }
            default -> throw new IllegalArgumentException("unknown server " + server);
        }
        return launch(server, command, env, log);
    }

    /** {@code scripts/poster} next to the switch, as the README tells a user of {@code ledger.poster: external} to start it. */
    private ServerProcess startPoster(Path dir, Path config) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/poster").toString(), "--data-dir",
                dir.resolve("switch-data").toString()));
        if (o.switchConfig() != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        ServerProcess p = launch("poster", command, Map.of(), dir.resolve("poster.log"));
        out.printf("poster: pid %d (ledger.poster: external); log %s%n", p.pid(), p.log());
        return p;
    }

    private ServerProcess launch(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        synchronized (live) {
            if (stopping) {
                throw new IOException("stopping: " + name + " was not started");
            }
            ServerProcess p = ServerProcess.start(name, command, env, root, log);
            live.add(p);
            return p;
        }
    }

    /** This JVM's java and class path running the load tester's {@code command} (a baseline server), with the switch's JVM flags. */
    private List<String> testerCommand(List<String> jvmOptions, String... args) throws IOException {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(JvmFlags.of(root));
        c.addAll(jvmOptions);
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(LoadTester.class.getName());
        c.addAll(List.of(args));
        return c;
    }

    private Path freshDataDir(Path data) throws IOException {
        deleteTree(data);
        dataDirs.add(data);
        return data;
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    /** Stops every process still running and removes the data folders (the shutdown hook calls it too). */
    private void stopEverything() {
        synchronized (live) {
            stopping = true;
        }
        for (ServerProcess p : live) {
            try {
                String how = p.stop(STOP_GRACE);
                System.err.println("scripts/load: " + how);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            live.remove(p);
        }
        removeDataDirs();
    }

    private void removeDataDirs() {
        if (o.keepData()) {
            return;
        }
        for (Path d : dataDirs) {
            try {
                deleteTree(d);
                dataDirs.remove(d);
            } catch (IOException e) {
                System.err.println("scripts/load: could not remove " + d + ": " + e.getMessage());
            }
        }
    }

    /** What each server's turn gave, in order. */
    List<ServerResults> results() {
        return results;
    }

    private int report(Path dir) throws IOException {
        Comparison comparison = new Comparison(results, o.pattern().objective());
        List<String> lines = new ArrayList<>(header);
        lines.add("");
        results.forEach(r -> r.conditions.forEach(c -> lines.add(r.label + ": " + c)));
        results.stream().filter(r -> r.failure != null).forEach(r -> lines.add(r.label + ": FAILED: " + r.failure));
        lines.add("");
        lines.addAll(comparison.lines());
        out.println();
        comparison.lines().forEach(out::println);
        Files.write(dir.resolve("summary.txt"), lines, StandardCharsets.UTF_8);
        HtmlReport.write(o.report(), header, o.pattern(), results, comparison);
        out.println("summary: " + dir.resolve("summary.txt"));
        out.println("HTML report: " + o.report().toAbsolutePath());
        boolean ok = results.stream().allMatch(r -> r.failure == null && r.incorrect() == 0);
        return ok ? 0 : 1;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
