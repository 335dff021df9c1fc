package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.PosterLock;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import org.jpos.iso.ISOMsg;
import io.tatekae.testsupport.PostgresCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch runs as its own process under pipelined load, with its poster in a child process (the
 * default), on SQLite (the embedded default) and on PostgreSQL. Two kinds of crash:
 * <ul>
 * <li>the switch is killed with SIGKILL at random moments (sometimes again while it starts), then
 *     started again on the same data folder; its orphaned child poster drains and exits by itself and
 *     the next switch's child takes over the poster lock;</li>
 * <li>the child poster is killed with SIGKILL at random moments while the switch runs on; the switch
 *     restarts it.</li>
 * </ul>
 * Afterwards the ledger must hold exactly the approvals the client saw (plus, possibly, requests whose
 * answer the kill took) with their amounts, no hold twice, every acknowledged reversal, every account's
 * totals equal to its rows, and the same available credit per account as the switch reports.
 * {@code -Dtatekae.long=true} runs at least 50 kills of each kind per ledger ({@code -Dtatekae.crash.kills=N}).
 */
class CrashTest {
    private static final int ACCOUNTS = 400;
    private static final int MIN_LIFE_MILLIS = 300;
    private static final int MAX_EXTRA_LIFE_MILLIS = 1_200;
    private static final int MAX_STARTUP_KILL_MILLIS = 6_000;
    private static final int MAX_POSTER_LIFE_MILLIS = 6_000;
    private static final int POSTER_KILL_PAUSE_MILLIS = 5;
    private static final int DUPLICATES_AFTER_CRASHES = 30;
    private static final int DEFAULT_KILLS = 3;
    private static final long CATCH_UP_MILLIS = 180_000;

    /** Kept when the test fails: switch.log, poster.log and the data folder tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void switchKilledAtRandomOnSqlite() throws Exception {
        crashRepeatedly(DEFAULT_KILLS, 1, null);
    }

    @Test
    void switchKilledAtRandomOnPostgresql() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start15()) {
            crashRepeatedly(DEFAULT_KILLS, 1, new LedgerConfig(pg.createDatabase("crash"), pg.user(), pg.password()));
        }
    }

    @Test
    void childPosterKilledAtRandomOnSqlite() throws Exception {
        killPosterRepeatedly(DEFAULT_KILLS, null);
    }

    @Test
    void childPosterKilledAtRandomOnPostgresql() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start15()) {
            killPosterRepeatedly(DEFAULT_KILLS, new LedgerConfig(pg.createDatabase("crash"), pg.user(), pg.password()));
        }
    }

    @Test
    @Tag("long")
    void switchKilledManyTimesOnSqlite() throws Exception {
        crashRepeatedly(longKills(), longKills() / 3, null);
    }

    @Test
    @Tag("long")
    void switchKilledManyTimesOnPostgresql() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start15()) {
            crashRepeatedly(longKills(), longKills() / 3, new LedgerConfig(pg.createDatabase("crash"), pg.user(), pg.password()));
        }
    }

    @Test
    @Tag("long")
    void childPosterKilledManyTimesOnSqlite() throws Exception {
        killPosterRepeatedly(longKills(), null);
    }

    @Test
    @Tag("long")
    void childPosterKilledManyTimesOnPostgresql() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start15()) {
            killPosterRepeatedly(longKills(), new LedgerConfig(pg.createDatabase("crash"), pg.user(), pg.password()));
        }
    }

    private static int longKills() {
        return Math.max(5, Integer.getInteger("tatekae.crash.kills", 50));
    }

    /** One run's moving parts: cards, the client's book, the data folder, ports, the config file. */
    private final class Run {
        final long seed = Long.getLong("tatekae.crash.seed", System.nanoTime());
        final Random loadRandom = new Random(seed);
        final Random killRandom = new Random(seed + 1);
        final CrashCards cards = new CrashCards(ACCOUNTS);
        final CrashBook book = new CrashBook();
        final Path cardsFile = dir.resolve("cards.jsonl");
        final Path data = dir.resolve("data");
        final Path log = dir.resolve("switch.log");
        final int port = SwitchProcess.freePort();
        final int httpPort = SwitchProcess.freePort();
        final LedgerConfig ledger;
        final Path config;

        Run(String what, int kills, LedgerConfig postgresOrNull) throws IOException {
            ledger = postgresOrNull != null ? postgresOrNull : LedgerConfig.sqlite(data);
            Wire.newStanSpace(); // a fresh switch and ledger: a long run may use all 500,000 STANs
            cards.write(cardsFile);
            config = writeConfig(data, port, httpPort, postgresOrNull);
            System.out.println("CrashTest " + what + " on " + ledger.dialect() + ": seed " + seed
                    + " (-Dtatekae.crash.seed to repeat), kills " + kills + ", folder " + dir);
        }

        SwitchProcess start(boolean provision) throws IOException {
            return SwitchProcess.start(config, provision ? cardsFile : null, port, log);
        }

        /** A last run of load on a fresh connection, everything answered; duplicates; reconcile; the ledger check. */
        void finish(SwitchProcess sw) throws Exception {
            try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), book)) {
                load.resend(followUpUnanswered(book, loadRandom));
                Thread sender = Thread.ofPlatform().name("crash-test-sender").start(() -> load.run(cards, loadRandom));
                Thread.sleep(MIN_LIFE_MILLIS);
                load.stop();
                sender.join();
                assertTrue(load.drain(30_000), "the last run's requests were not all answered");
                assertNull(load.readerFailure(), () -> "client reader failed: " + load.readerFailure());
            }
            assertDuplicatesReplayTheirApproval(sw, book, loadRandom);
            Map<String, Long> available = cards.availablePerAccount(sw.connectSignedOn());
            String reconcile = reconcileWhenCaughtUp(httpPort);
            assertTrue(reconcile.startsWith("200 ") && reconcile.contains(": 0 differences"), reconcile + "\n" + posterLog(data));
            sw.stop();
            CrashLedgerCheck.verify(book, cards, ledger, available);
        }
    }

    /**
     * {@code kills} SIGKILLs of the switch under load; after {@code startupKills} of them (not the first)
     * the next process is also killed while it starts, before or during journal replay, at a random moment.
     *
     * @param postgres the ledger database, or null for the default embedded SQLite under the data folder
     */
    private void crashRepeatedly(int kills, int startupKills, LedgerConfig postgres) throws Exception {
        Run run = new Run("switch kills", kills, postgres);
        SwitchProcess sw = run.start(true);
        try {
            for (int life = 0; life < kills; life++) {
                try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), run.book)) {
                    load.resend(followUpUnanswered(run.book, run.loadRandom));
                    Thread sender = Thread.ofPlatform().name("crash-test-sender").start(() -> load.run(run.cards, run.loadRandom));
                    Thread.sleep(MIN_LIFE_MILLIS + run.killRandom.nextInt(MAX_EXTRA_LIFE_MILLIS));
                    sw.kill();
                    load.awaitBroken();
                    sender.join();
                    assertNull(load.readerFailure(), () -> "client reader failed: " + load.readerFailure());
                }
                if (life > 0 && life <= startupKills) {
                    SwitchProcess early = SwitchProcess.launch(run.config, null, run.port, run.log);
                    Thread.sleep(run.killRandom.nextInt(MAX_STARTUP_KILL_MILLIS));
                    early.kill();
                }
                sw = run.start(false);
            }
            run.finish(sw);
        } finally {
            if (sw.isAlive()) {
                sw.kill();
            }
        }
    }

    /**
     * {@code kills} SIGKILLs of the child poster at random moments while the switch runs under load, paced
     * (the switch waits for nothing here, so an unpaced client would send a million requests in a long run).
     */
    private void killPosterRepeatedly(int kills, LedgerConfig postgres) throws Exception {
        Run run = new Run("child poster kills", kills, postgres);
        SwitchProcess sw = run.start(true);
        try {
            killPosterUnderLoad(run, sw, kills);
            run.finish(sw);
            String log = Files.readString(run.log);
            assertTrue(log.contains("ledger poster: the child process exited with status"), "the switch said why it restarted its poster");
        } finally {
            if (sw.isAlive()) {
                sw.kill();
            }
        }
    }

    private void killPosterUnderLoad(Run run, SwitchProcess sw, int kills) throws Exception {
        try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), run.book)) {
            Thread sender = Thread.ofPlatform().name("crash-test-sender").start(
                    () -> load.run(run.cards, run.loadRandom, POSTER_KILL_PAUSE_MILLIS));
            long previous = -1;
            for (int kill = 0; kill < kills; kill++) {
                long pid = awaitNewPoster(run.data, previous, sw);
                Thread.sleep(run.killRandom.nextInt(MAX_POSTER_LIFE_MILLIS));
                ProcessHandle poster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("poster " + pid + " gone"));
                poster.destroyForcibly();
                poster.onExit().get(30, TimeUnit.SECONDS);
                previous = pid;
            }
            awaitNewPoster(run.data, previous, sw);
            load.stop();
            sender.join();
            assertNull(load.readerFailure(), () -> "client reader failed: " + load.readerFailure());
            assertTrue(load.drain(30_000), "every request answered: the switch never waits for its poster");
        }
    }

    /** The pid of the child poster holding the lock once it is another one than {@code previous}. */
    private static long awaitNewPoster(Path data, long previous, SwitchProcess sw) {
        Path lock = data.resolve("journal").resolve(PosterLock.FILE);
        long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(sw.isAlive(), "the switch died");
            try {
                long pid = Long.parseLong(Files.readString(lock).trim());
                if (pid != previous && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return pid;
                }
            } catch (IOException | NumberFormatException notYet) {
                // The child has not written its pid yet.
            }
            SwitchProcess.sleep(50);
        }
        throw new AssertionError("no new child poster within " + CATCH_UP_MILLIS + " ms\n" + posterLog(data));
    }

    private static String posterLog(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("poster.log"));
            return "poster.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no poster.log)";
        }
    }

    /**
     * What a network does about requests whose answer the kill took: for an unanswered purchase it
     * either sends it again (a duplicate), or sends a reversal advice (0420, profile section 3), or,
     * here, leaves it be so that some stay uncertain; an unanswered reversal is sent again or left.
     */
    private static List<Object> followUpUnanswered(CrashBook book, Random random) {
        List<Object> send = new ArrayList<>();
        for (CrashBook.Purchase p : book.purchases()) {
            if (p.answered() || p.reversal != null) {
                continue;
            }
            switch (random.nextInt(3)) {
                case 0 -> send.add(p);
                case 1 -> {
                    ISOMsg advice = Messages.reversal("0420", p.request, Wire.stan(), null);
                    send.add(book.reversalSent(advice, p));
                }
                default -> { }
            }
        }
        book.reversals().stream().filter(r -> !r.answered() && !send.contains(r) && random.nextBoolean()).forEach(send::add);
        return send;
    }

    /** Duplicates of approvals from before the crashes get the same DE 38 (and, the ledger check shows, no new hold). */
    private static void assertDuplicatesReplayTheirApproval(SwitchProcess sw, CrashBook book, Random random) {
        List<CrashBook.Purchase> approved = new ArrayList<>(book.purchases().stream()
                .filter(p -> p.approved() && p.reversal == null).toList());
        Collections.shuffle(approved, random);
        try (IsoTestClient c = sw.connectSignedOn()) {
            for (CrashBook.Purchase p : approved.subList(0, Math.min(DUPLICATES_AFTER_CRASHES, approved.size()))) {
                ISOMsg again = c.request(p.request);
                assertEquals("00", again.getString(39), () -> "duplicate of approval RRN " + p.rrn());
                assertEquals(p.de38, again.getString(38), () -> "duplicate of approval RRN " + p.rrn() + ": DE 38");
            }
        }
    }

    /** The child poster may still be catching up after the load (or a kill): asks until the ledger agrees, bounded. */
    private static String reconcileWhenCaughtUp(int httpPort) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
        String reply = reconcileOverHttp(httpPort);
        while (!reply.startsWith("200 ") && System.currentTimeMillis() < deadline) {
            Thread.sleep(1_000);
            reply = reconcileOverHttp(httpPort);
        }
        return reply;
    }

    private static String reconcileOverHttp(int httpPort) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/admin/reconcile"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        }
    }

    /** The poster at normal priority: in the idle class other builds on a shared 2-core machine could starve it for minutes. */
    private Path writeConfig(Path data, int port, int httpPort, LedgerConfig postgres) throws IOException {
        return SwitchYaml.write(dir, port, httpPort, data,
                "pipeline:",
                "  ringSize: 1024",
                "  waitStrategy: blocking",
                "  maxBatch: 128",
                "state:",
                "  maxCards: " + (4 * ACCOUNTS),
                "  maxAccounts: " + (2 * ACCOUNTS),
                "policy:",
                "  velocityMaxApprovals: 32",
                "holds:",
                "  maxOpenHolds: 262144",
                "journal:",
                "  fsync: durable",
                "ledger:",
                "  poster: child",
                "  childScheduling: normal",
                postgres == null ? "" : "  url: '" + postgres.jdbcUrl() + "'\n  user: " + postgres.user()
                        + "\n  password: '" + postgres.password() + "'",
                "");
    }
}
