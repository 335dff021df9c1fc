package io.tatekae.app;

import io.tatekae.config.ConfigException;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.PosterMode;
import io.tatekae.config.SwitchConfig;
import io.tatekae.journal.JournalException;
import io.tatekae.journal.SequenceMark;
import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerException;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.snapshot.Snapshotter;
import io.tatekae.ledger.PosterLock;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/poster}: the ledger poster in its own process, for {@code ledger.poster: external}.
 * It reads only the journal files (up to the sequence the switch publishes in {@code committed.mark})
 * and writes only the ledger database, so its garbage and its database driver stay out of the
 * switch's process; it publishes its progress in {@code posted.mark} for the switch's lag metric.
 * It runs until SIGTERM or Ctrl-C, then posts what is committed (up to the drain timeout) and stops.
 * With {@code --child} (the switch started it, {@code ledger.poster: child}) it also stops that way
 * when its standard input ends, i.e. when the switch is gone, and waits for the poster lock instead of
 * failing at once (the previous switch's child may still be draining).
 */
public final class PosterMain {
    /** {@code --child} is left out: only the switch passes it, to the poster it starts. */
    private static final String USAGE = "usage: scripts/poster [--config FILE] [--data-dir DIR] [--status-seconds N]";
    /** How long a child poster waits for the previous poster (of a switch that was killed) to let go of the lock. */
    static final Duration CHILD_LOCK_PATIENCE = Duration.ofSeconds(60);

    private PosterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.getenv(), System.out, System.err, new CountDownLatch(1));
        if (status != 0) {
            System.exit(status); // after a signal, exit() would wait for the shutdown hook forever: return instead
        }
    }

    /**
     * Posts until {@code stop} opens or the process is signalled; returns the exit status:
     * 0 stopped, 2 bad command line or configuration, 1 could not start.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, CountDownLatch stop)
            throws InterruptedException {
        Path config = ConfigLoader.DEFAULT_FILE;
        Overrides overrides = Overrides.NONE;
        int statusSeconds = 10;
        boolean child = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i));
                    case "--data-dir" -> overrides = overrides.withDataDir(Path.of(value(args, ++i)));
                    case "--status-seconds" -> statusSeconds = Integer.parseInt(value(args, ++i));
                    case "--child" -> child = true;
                    default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
            if (statusSeconds < 1 || statusSeconds > 3600) {
                throw new IllegalArgumentException("--status-seconds must be 1..3600, got " + statusSeconds);
            }
        } catch (IllegalArgumentException e) {
            err.println("poster: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SwitchConfig cfg;
        try {
            cfg = ConfigLoader.load(config, overrides, env);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            PosterHeap.check(cfg, Runtime.getRuntime().maxMemory()); // before anything is opened or hooked
        } catch (IllegalStateException e) {
            err.println("poster: " + e.getMessage());
            return 2;
        }
        if (child) {
            watchParent(stop);
        }
        return post(cfg, statusSeconds, child, out, err, stop);
    }

    /** The switch holds the other end of this process's standard input: it ends when the switch is gone. */
    private static void watchParent(CountDownLatch stop) {
        Thread.ofPlatform().name("poster-parent-watch").daemon(true).start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The switch never writes; only the end of the stream matters.
                }
            } catch (IOException e) {
                // A broken pipe is the same news.
            }
            System.out.println("poster: the switch that started this poster stopped or is gone (its pipe closed); posting what"
                    + " it committed, then stopping");
            stop.countDown();
        });
    }

    private static int post(SwitchConfig cfg, int statusSeconds, boolean child, PrintStream out, PrintStream err,
                            CountDownLatch stop) throws InterruptedException {
        Path journal = cfg.data().journalDir();
        SequenceMark committed;
        PosterLock lock;
        try {
            committed = SequenceMark.openForReading(journal.resolve(SequenceMark.COMMITTED));
            lock = PosterLock.acquire(journal, child ? CHILD_LOCK_PATIENCE : Duration.ZERO, m -> out.println("poster: " + m));
        } catch (JournalException | LedgerException e) {
            err.println("poster: " + e.getMessage());
            return 1;
        }
        if (cfg.ledger().poster() == PosterMode.IN_PROCESS) {
            err.println("poster: note: the configuration says ledger.poster: in-process; while this poster runs, a switch"
                    + " started with it refuses to start (set ledger.poster: external)");
        } else if (cfg.ledger().poster() == PosterMode.CHILD && !child) {
            err.println("poster: note: the configuration says ledger.poster: child; a switch started with it runs its own"
                    + " poster, which waits for this one to stop (set ledger.poster: external to post from here)");
        }
        JdbcLedger ledger = JdbcLedger.openLazily(new LedgerConfig(cfg.ledger().url(), cfg.ledger().user(), cfg.ledger().password()));
        SequenceMark posted = SequenceMark.openForWriting(journal.resolve(SequenceMark.POSTED));
        LedgerPoster poster = new LedgerPoster(journal, committed::read, ledger,
                PosterSettings.of(cfg)).publishingPostedTo(posted)
                .auditingThrough(journal);
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM ends once its hooks return: this one holds it until the poster has drained and let go.
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(stopped);
        }, "poster-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Beside the poster: snapshots of the replayed state and the journal's retention (never in the switch's process).
        Snapshotter snapshots = Snapshotting.snapshotter(cfg, committed::read, () -> Math.max(0, poster.lastPostedSequence()),
                InstantSource.system());
        poster.start();
        snapshots.start();
        out.println("poster: posting " + journal + " into the " + ledger.config().dialect().name().toLowerCase(Locale.ROOT)
                + " ledger (process " + ProcessHandle.current().pid() + "), snapshots in " + cfg.data().snapshotDir());
        try {
            while (!stop.await(statusSeconds, TimeUnit.SECONDS)) {
                out.println(status(poster, committed));
            }
        } finally {
            snapshots.close();
            poster.close();
            out.println(status(poster, committed) + " (stopped)");
            ledger.close();
            lock.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Signalled: the hook is what woke us.
            }
        }
        return 0;
    }

    static String status(LedgerPoster poster, SequenceMark committed) {
        long last = poster.lastPostedSequence();
        String error = poster.lastError();
        return "poster: posted up to " + last + ", committed " + committed.read() + ", lag "
                + Math.max(0, poster.lag()) + ", records " + poster.postedRecords()
                + " (rejected " + poster.rejectedRecords() + ", skipped " + poster.skippedRecords() + "), failures "
                + poster.failures() + (error == null ? "" : ", last error: " + error);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
