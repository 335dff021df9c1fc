package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.testsupport.PostgresCluster;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's PostgreSQL goes down for a few seconds under load: authorizations must not notice
 * (the journal is the record of truth), the poster falls behind, and once the database is back it
 * catches up with nothing lost or applied twice.
 */
class LedgerOutageTest {
    private static final int ACCOUNTS = 200;
    private static final long OUTAGE_MILLIS = 4_000;

    @TempDir
    Path dir;

    @Test
    void authorizationsGoOnWhileTheLedgerIsDownAndThePosterCatchesUp() throws Exception {
        CrashCards cards = new CrashCards(ACCOUNTS);
        Path cardsFile = dir.resolve("cards.jsonl");
        cards.write(cardsFile);
        CrashBook book = new CrashBook();
        try (PostgresCluster pg = PostgresCluster.start15()) {
            String url = pg.createDatabase("outage");
            LedgerConfig ledgerConfig = new LedgerConfig(url, pg.user(), pg.password());
            try (TestSwitch sw = TestSwitch.builder(dir.resolve("data")).cardsFile(cardsFile)
                    .yaml("ledger:\n  url: " + url + "\n  user: " + pg.user() + "\n  password: \"" + pg.password() + "\"\n"
                            + "policy:\n  velocityMaxApprovals: 32\n")
                    .start()) {
                LedgerPoster poster = sw.app().poster();
                try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), book)) {
                    Thread sender = Thread.ofPlatform().name("outage-test-sender").start(() -> load.run(cards, new Random(7), 2));
                    await("the poster posts while PostgreSQL is up", 30_000, () -> poster.postedRecords() > 50);

                    pg.stop();
                    long approvalsBefore = approvals(book);
                    long failuresBefore = poster.failures();
                    Thread.sleep(OUTAGE_MILLIS);
                    long approvalsDuring = approvals(book) - approvalsBefore;
                    long lagAtEnd = poster.lag();
                    System.out.printf("LedgerOutageTest: %d approvals while PostgreSQL was down, poster lag %d, %d failed attempts%n",
                            approvalsDuring, lagAtEnd, poster.failures() - failuresBefore);
                    assertTrue(approvalsDuring >= 50, () -> "approvals while the ledger was down: " + approvalsDuring);
                    assertTrue(lagAtEnd >= approvalsDuring, () -> "lag " + lagAtEnd + " after " + approvalsDuring + " approvals");
                    assertTrue(poster.failures() > failuresBefore, "the poster noticed the outage");
                    assertFalse(load.broken(), "the client connection survived");

                    pg.start();
                    Thread.sleep(500);
                    load.stop();
                    sender.join();
                    assertTrue(load.drain(30_000), "every request answered");
                }
                await("the poster catches up after PostgreSQL is back", 60_000, () -> poster.lag() == 0);
                String report = sw.app().reconcile(Duration.ofSeconds(10)).get();
                assertTrue(report.contains(": 0 differences") && !report.contains("warning"), report);
                assertEquals(0, poster.rejectedRecords(), "records the ledger refused");
                assertTrue(book.purchases().stream().allMatch(CrashBook.Purchase::answered), "no kill here: all answered");
                CrashLedgerCheck.verify(book, cards, ledgerConfig, cards.availablePerAccount(sw.connectSignedOn()));
            }
        }
    }

    private static long approvals(CrashBook book) {
        return book.purchases().stream().filter(CrashBook.Purchase::approved).count();
    }

    private static void await(String what, long timeoutMillis, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not within " + timeoutMillis + " ms");
            }
            SwitchProcess.sleep(20);
        }
    }
}
