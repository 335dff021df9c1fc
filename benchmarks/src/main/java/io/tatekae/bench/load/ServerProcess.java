package io.tatekae.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own operating-system process, its output in a log file: started, waited
 * for until it listens, and stopped with SIGTERM (then SIGKILL, its descendants too, when it does
 * not stop in time).
 */
final class ServerProcess {
    private static final Pattern LISTENING = Pattern.compile("(?:listening on|on port) (?:\\S*:)?(\\d{1,5})\\b");

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, List<String> command, Process process, Path log) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir}, its output to {@code log}, with {@code env} added to this process's environment. */
    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        b.environment().putAll(env);
        Process p = b.start();
        return new ServerProcess(name, command, p, log);
    }

    /**
     * Waits until the process says it listens ("listening on HOST:PORT", "on port PORT") and returns
     * that port; fails when it exits first or does not within {@code timeout}.
     */
    int awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(logText());
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                if (accepts(port)) {
                    return port;
                }
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before it listened; its log ("
                        + log + ") ends:\n" + logTail(30));
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " did not listen within " + timeout.toSeconds() + " s; its log (" + log + ") ends:\n"
                + logTail(30));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SIGTERM, then up to {@code grace} for it to exit (a switch drains its ledger poster), then
     * SIGKILL to it and whatever it started. Returns how it ended, for the report.
     */
    String stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return name + " had already exited with status " + process.exitValue();
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            return name + " stopped (status " + process.exitValue() + ")";
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return name + " did not stop within " + grace.toSeconds() + " s of SIGTERM and was killed";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    List<String> command() {
        return command;
    }

    Path log() {
        return log;
    }

    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
