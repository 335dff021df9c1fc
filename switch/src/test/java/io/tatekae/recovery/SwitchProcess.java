package io.tatekae.recovery;

import io.tatekae.testsupport.IsoTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The switch as its own operating-system process ({@code io.tatekae.app.Main}), started with this
 * JVM's java, classpath and the project's JVM flags, killed with SIGKILL or stopped with SIGTERM.
 * Its output goes to a log file next to the data folder.
 */
final class SwitchProcess {
    /** Generous: two cores shared with other builds make a start take 5 to 15 s. */
    private static final long START_TIMEOUT_MILLIS = 90_000;
    private static final long SLOW_START_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final int port;

    private SwitchProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code Main --config config [--provision cards]} and waits until it accepts connections. */
    static SwitchProcess start(Path config, Path cardsOrNull, int port, Path log) throws IOException {
        SwitchProcess sp = launch(config, cardsOrNull, port, log);
        sp.awaitListening();
        return sp;
    }

    /**
     * As {@link #start(Path, Path, int, Path)}, with extra environment variables (a moved clock, say) and
     * a longer wait: a JVM under libfaketime starts about twice as slowly (every clock read is intercepted).
     */
    static SwitchProcess start(Path config, Path cardsOrNull, int port, Path log, Map<String, String> env) throws IOException {
        SwitchProcess sp = launch(config, cardsOrNull, port, log, env);
        sp.awaitListening(env.isEmpty() ? START_TIMEOUT_MILLIS : 3 * START_TIMEOUT_MILLIS);
        return sp;
    }

    /** Starts the process and returns at once (to kill it while it starts: replay, recovery, binding). */
    static SwitchProcess launch(Path config, Path cardsOrNull, int port, Path log) throws IOException {
        return launch(config, cardsOrNull, port, log, Map.of());
    }

    static SwitchProcess launch(Path config, Path cardsOrNull, int port, Path log, Map<String, String> env) throws IOException {
        List<String> command = javaCommand("io.tatekae.app.Main");
        command.add("--config");
        command.add(config.toString());
        if (cardsOrNull != null) {
            command.add("--provision");
            command.add(cardsOrNull.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        return new SwitchProcess(p, log, port);
    }

    /** This JVM's java and classpath with the project's JVM flags and a small heap, running {@code mainClass}. */
    static List<String> javaCommand(String mainClass) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return command;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the switch did not die on SIGKILL");
        }
    }

    /** SIGTERM: the shutdown hook drains the ring and the ledger poster, then closes the files. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the switch did not stop on SIGTERM within " + STOP_TIMEOUT_SECONDS + " s\n" + logTail());
        }
        if (!logTail().contains("tatekae stopped")) {
            throw new AssertionError("the switch stopped on SIGTERM without saying so\n" + logTail());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log so far (to wait for a line). */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() {
        awaitListening(START_TIMEOUT_MILLIS);
    }

    private void awaitListening(long timeoutMillis) {
        long started = System.currentTimeMillis();
        long deadline = started + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the switch exited with " + process.exitValue() + " at start\n" + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                long took = System.currentTimeMillis() - started;
                if (took > SLOW_START_MILLIS) {
                    System.out.println("slow start: the switch listened only after " + took + " ms");
                }
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the switch did not listen on " + port + " within " + timeoutMillis + " ms\n" + logTail());
    }

    private static List<String> jvmFlags() throws IOException {
        Path file = Path.of(System.getProperty("tatekae.repo.dir", "."), "config", "jvm.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String flags = p.getProperty("tatekae.jvm.flags");
        if (flags == null) {
            throw new IllegalStateException(file + ": no tatekae.jvm.flags");
        }
        return Arrays.stream(flags.trim().split("\\s+")).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the HTTP port, which opens just after the ISO 8583 one. */
    static void awaitHttp(int port) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new AssertionError("no HTTP on port " + port + " within 60 s");
    }

    /** A client on the process's port that has signed on. */
    IsoTestClient connectSignedOn() {
        IsoTestClient c = IsoTestClient.connect(port);
        c.signOn();
        return c;
    }
}
