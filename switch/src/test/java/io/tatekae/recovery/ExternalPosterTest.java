package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.testsupport.PostgresCluster;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ledger.poster: external}: the switch only journals, and {@code scripts/poster}'s main class,
 * as its own operating-system process, carries the journal into PostgreSQL. The ledger ends up exactly
 * as with the in-process poster (every hold, every account), the switch's lag metric follows the other
 * process, a second poster on the same journal is refused, and SIGTERM stops the poster after it has
 * posted what was committed.
 */
class ExternalPosterTest {
    private static final int ACCOUNTS = 100;

    @TempDir
    Path dir;

    @Test
    void aPosterInItsOwnProcessCarriesTheJournalIntoTheLedgerAndOnlyOneMayRun() throws Exception {
        CrashCards cards = new CrashCards(ACCOUNTS);
        Path cardsFile = dir.resolve("cards.jsonl");
        cards.write(cardsFile);
        CrashBook book = new CrashBook();
        try (PostgresCluster pg = PostgresCluster.start15()) {
            String url = pg.createDatabase("external");
            LedgerConfig ledgerConfig = new LedgerConfig(url, pg.user(), pg.password());
            String yaml = "ledger:\n  url: " + url + "\n  user: " + pg.user() + "\n  password: \"" + pg.password() + "\"\n"
                    + "  poster: external\npolicy:\n  velocityMaxApprovals: 32\n";
            Path posterConfig = Files.writeString(dir.resolve("poster.yaml"), "mode: test\n" + TestSwitch.HOLDS_YAML + yaml);
            Path data = dir.resolve("data");
            try (TestSwitch sw = TestSwitch.builder(data).cardsFile(cardsFile).yaml(yaml).start()) {
                assertNull(sw.app().poster(), "no poster thread in the switch");
                try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), book)) {
                    Thread sender = Thread.ofPlatform().name("external-poster-sender").start(() -> load.run(cards, new Random(11), 1));
                    Thread.sleep(1_500);
                    assertTrue(ledgerLag(sw) > 0, "journaled with no poster running: the ledger is behind");

                    Process poster = startPoster(posterConfig, data, dir.resolve("poster.log"));
                    Thread.sleep(2_000);
                    load.stop();
                    sender.join();
                    assertTrue(load.drain(30_000), "every request answered");

                    Process second = startPoster(posterConfig, data, dir.resolve("second.log"));
                    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second poster exits");
                    assertEquals(1, second.exitValue(), log(dir.resolve("second.log")));
                    assertTrue(log(dir.resolve("second.log")).contains("another poster already posts this journal"),
                            log(dir.resolve("second.log")));

                    String report = sw.app().reconcile(Duration.ofSeconds(60)).get();
                    assertTrue(report.contains(": 0 differences") && !report.contains("warning"), report + "\n" + log(dir.resolve("poster.log")));
                    assertEquals(0, ledgerLag(sw), "the switch sees the other process's progress");
                    assertTrue(book.purchases().stream().anyMatch(CrashBook.Purchase::approved), "some approvals");

                    poster.destroy(); // SIGTERM
                    assertTrue(poster.waitFor(60, TimeUnit.SECONDS), "the poster stops on SIGTERM");
                    int exit = poster.exitValue();
                    assertTrue(exit == 0 || exit == 143, "exit " + exit + "\n" + log(dir.resolve("poster.log")));
                    assertTrue(log(dir.resolve("poster.log")).contains("(stopped)"), log(dir.resolve("poster.log")));
                }
                CrashLedgerCheck.verify(book, cards, ledgerConfig, cards.availablePerAccount(sw.connectSignedOn()));
            }
        }
    }

    /**
     * SIGTERM while the poster is behind, on the embedded SQLite ledger, which the poster writes and the
     * switch only reads: it posts everything committed before it stops.
     */
    @Test
    void sigtermWhileBehindStillPostsEverythingCommittedIntoSqlite() throws Exception {
        CrashCards cards = new CrashCards(ACCOUNTS);
        Path cardsFile = dir.resolve("cards.jsonl");
        cards.write(cardsFile);
        CrashBook book = new CrashBook();
        Path data = dir.resolve("data");
        String yaml = "ledger:\n  batchSize: 100\n  poster: external\npolicy:\n  velocityMaxApprovals: 32\n";
        Path posterConfig = Files.writeString(dir.resolve("poster.yaml"), "mode: test\n" + TestSwitch.HOLDS_YAML + yaml);
        try (TestSwitch sw = TestSwitch.builder(data).cardsFile(cardsFile).yaml(yaml).start()) {
            try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), book)) {
                Thread sender = Thread.ofPlatform().name("external-poster-sender").start(() -> load.run(cards, new Random(13), 0));
                Thread.sleep(2_000);
                load.stop();
                sender.join();
                assertTrue(load.drain(30_000), "every request answered");
            }
            long backlog = ledgerLag(sw);
            assertTrue(backlog > 1_000, "a backlog for the poster: " + backlog);
            Path log = dir.resolve("poster.log");
            Process poster = startPoster(posterConfig, data, log);
            long deadline = System.currentTimeMillis() + 60_000;
            long committed = sw.app().committedSequence();
            while (sw.app().committedSequence() - sw.app().ledgerLag() <= committed - backlog) {
                assertTrue(System.currentTimeMillis() < deadline && poster.isAlive(), "the poster starts posting\n" + log(log));
                Thread.sleep(1);
            }
            long leftAtSigterm = sw.app().ledgerLag();
            poster.destroy(); // SIGTERM in the middle of the backlog
            assertTrue(poster.waitFor(60, TimeUnit.SECONDS), "the poster stops on SIGTERM");
            String stopped = log(log).lines().filter(l -> l.endsWith("(stopped)")).findFirst().orElse("(no stop line)\n" + log(log));
            assertTrue(stopped.contains(", lag 0,"), stopped);
            System.out.printf("ExternalPosterTest: SIGTERM with %d of %d records still to post; then %s%n", leftAtSigterm, backlog, stopped);
            assertEquals(0, sw.app().ledgerLag(), "everything committed is in the ledger");
            String report = sw.app().reconcile(Duration.ofSeconds(10)).get();
            assertTrue(report.contains(": 0 differences") && !report.contains("warning"), report);
        }
    }

    private static long ledgerLag(TestSwitch sw) {
        return sw.app().ledgerLag();
    }

    private static Process startPoster(Path config, Path data, Path log) throws IOException {
        List<String> command = SwitchProcess.javaCommand("io.tatekae.app.PosterMain");
        command.addAll(List.of("--config", config.toString(), "--data-dir", data.toString(), "--status-seconds", "1"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no log)";
    }
}
