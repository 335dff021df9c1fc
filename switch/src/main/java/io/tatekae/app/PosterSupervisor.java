package io.tatekae.app;

import io.tatekae.config.SwitchConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ledger.poster: child}: the switch starts the ledger poster ({@link PosterMain}) as a child
 * operating-system process, so the poster's CPU, garbage and database driver stay out of the switch's
 * JVM. Same java, classpath and module flags as the switch, the same configuration file and data folder,
 * its own small heap with the serial collector (one GC thread), and Linux's idle scheduling class
 * ({@code chrt --idle 0}) when available: it gets only the CPU time the switch leaves.
 *
 * <p>The supervisor restarts a child that dies, with a back-off (1 s, doubling up to 30 s while each
 * child dies within 5 s of its start: a child that lived longer had started fine), and logs why (exit status and the last lines of {@code poster.log}). On
 * {@link #close()} it sends SIGTERM and waits for the child to drain (bounded), then kills it. The
 * child watches its standard input, a pipe only this process holds: when the switch dies, even by
 * SIGKILL, the pipe closes, and the child drains what was committed and exits by itself, releasing
 * {@code poster.lock} for the next switch's child (which waits for that lock instead of failing).
 */
final class PosterSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PosterSupervisor.class.getName());
    static final String LOG_FILE = "poster.log";
    static final long MAX_LOG_BYTES = 10L << 20;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration GOOD_RUN = Duration.ofSeconds(5);
    /** The child's own drain is bounded by the poster's drain timeout (30 s); this is the switch's patience. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final int STATUS_SECONDS = 60;
    private static final int LOG_LINES_ON_EXIT = 8;
    /** JVM options the child inherits from the switch: module access and system properties, not heap or GC. */
    private static final List<String> INHERITED_PREFIXES = List.of("--add-opens", "--add-exports", "--add-modules",
            "--enable-native-access", "--sun-misc-unsafe-memory-access", "-D");

    private final List<String> command;
    private final Path logFile;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Process process;
    private volatile long starts;
    private volatile long restarts;

    PosterSupervisor(SwitchConfig config) {
        if (config.file() == null) {
            throw new IllegalArgumentException("ledger.poster: child needs the configuration as a file (the child reads"
                    + " the same one); this configuration was given as text: use in-process");
        }
        this.logFile = config.data().dir().toAbsolutePath().resolve(LOG_FILE);
        this.command = command(config);
        this.thread = Thread.ofPlatform().name("poster-supervisor").daemon(true).unstarted(this::supervise);
    }

    /** The child's command line: [chrt --idle 0] java [inherited flags] -Xmx -Xmn -XX:+UseSerialGC -cp ... PosterMain ... */
    static List<String> command(SwitchConfig config) {
        List<String> c = new ArrayList<>();
        Path chrt = config.ledger().childIdle() ? onPath("chrt") : null;
        if (chrt != null) {
            c.addAll(List.of(chrt.toString(), "--idle", "0"));
        }
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED_PREFIXES.stream().anyMatch(arg::startsWith)) {
                c.add(arg);
            }
        }
        c.addAll(List.of("-Xmx" + PosterHeap.megabytes(config) + "m", "-Xmn" + PosterHeap.youngMegabytes(config) + "m",
                "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), PosterMain.class.getName(),
                "--config", config.file().toString(),
                "--data-dir", config.data().dir().toAbsolutePath().toString(),
                "--status-seconds", Integer.toString(STATUS_SECONDS), "--child"));
        return List.copyOf(c);
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    PosterSupervisor start() {
        if (command.getFirst().endsWith("chrt")) {
            LOG.log(System.Logger.Level.INFO, "ledger poster: child process in the idle scheduling class, log " + logFile);
        } else {
            LOG.log(System.Logger.Level.INFO, "ledger poster: child process at normal priority, log " + logFile);
        }
        thread.start();
        return this;
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopping) {
            long started = System.nanoTime();
            int status;
            try {
                Process p = launch();
                status = p.waitFor();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                status = -1;
                LOG.log(System.Logger.Level.ERROR, "ledger poster: cannot start the child process: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopping) {
                return;
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - started);
            backoff = ran.compareTo(GOOD_RUN) > 0 ? FIRST_BACKOFF : backoff;
            restarts++;
            LOG.log(System.Logger.Level.WARNING, "ledger poster: the child process exited with status " + status + " after "
                    + ran.toMillis() + " ms; restarting it in " + backoff.toMillis() + " ms. Its last lines:\n" + tail());
            LockSupport.parkNanos(backoff.toNanos());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private synchronized Process launch() throws IOException {
        if (stopping) {
            throw new IOException("stopping");
        }
        rotateLog();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process = p;
        starts++;
        return p;
    }

    /** Keeps the log bounded: past 10 MB it becomes poster.log.1 (replacing the previous one). */
    private void rotateLog() throws IOException {
        Files.createDirectories(logFile.getParent());
        if (Files.exists(logFile) && Files.size(logFile) > MAX_LOG_BYTES) {
            Files.move(logFile, logFile.resolveSibling(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_EXIT), lines.size()));
        } catch (IOException e) {
            return "  (cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** The running child's process id, or -1. */
    long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    /** Times the child died and was started again. */
    long restarts() {
        return restarts;
    }

    /** Times a child was started. */
    long starts() {
        return starts;
    }

    Path logFile() {
        return logFile;
    }

    /** SIGTERM, then waits for the child to post what was committed and exit (bounded); kills it after that. */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            stopping = true;
            p = process;
        }
        thread.interrupt();
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "ledger poster: the child did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM; killed (the next poster resumes from the ledger's position)");
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        closeQuietly(p.getOutputStream());
    }

    private static void closeQuietly(OutputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The child is gone either way.
        }
    }
}
