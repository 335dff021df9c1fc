package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerConnections;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.testsupport.PostgresCluster;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger database is unreachable under load: authorizations must not notice (the journal is the
 * record of truth), the poster falls behind and retries, and once the database is back it catches up
 * with nothing lost or applied twice. PostgreSQL is stopped; the SQLite file is locked by another
 * connection ({@code BEGIN EXCLUSIVE}, as a backup tool or an operator's shell would), so the poster's
 * writes fail after the busy timeout. A few seconds by default; a full minute with {@code -Dtatekae.long=true}.
 */
class LedgerOutageTest {
    private static final int ACCOUNTS = 200;
    /** Longer than the SQLite busy timeout, so the poster's writes fail rather than wait it out. */
    private static final long SHORT_OUTAGE_MILLIS = LedgerConnections.BUSY_TIMEOUT_MILLIS + 3_000;
    private static final long LONG_OUTAGE_MILLIS = 60_000;

    @TempDir
    Path dir;

    @Test
    void postgresqlDownForAFewSeconds() throws Exception {
        postgresqlOutage(SHORT_OUTAGE_MILLIS);
    }

    @Test
    void sqliteLockedForAFewSeconds() throws Exception {
        sqliteOutage(SHORT_OUTAGE_MILLIS);
    }

    @Test
    @Tag("long")
    void postgresqlDownForAMinute() throws Exception {
        postgresqlOutage(LONG_OUTAGE_MILLIS);
    }

    @Test
    @Tag("long")
    void sqliteLockedForAMinute() throws Exception {
        sqliteOutage(LONG_OUTAGE_MILLIS);
    }

    private void postgresqlOutage(long millis) throws Exception {
        try (PostgresCluster pg = PostgresCluster.start15()) {
            String url = pg.createDatabase("outage");
            LedgerConfig ledger = new LedgerConfig(url, pg.user(), pg.password());
            String yaml = "ledger:\n  url: " + url + "\n  user: " + pg.user() + "\n  password: \"" + pg.password() + "\"\n";
            underLoadWithOutage(ledger, yaml, millis, new Outage() {
                @Override
                public void begin() {
                    pg.stop();
                }

                @Override
                public void end() {
                    pg.start();
                }
            });
        }
    }

    private void sqliteOutage(long millis) throws Exception {
        LedgerConfig ledger = LedgerConfig.sqlite(dir.resolve("data"));
        Connection[] locker = new Connection[1];
        underLoadWithOutage(ledger, "", millis, new Outage() {
            @Override
            public void begin() throws SQLException {
                locker[0] = new LedgerConnections(ledger).openWriter();
                try (Statement s = locker[0].createStatement()) {
                    s.execute("BEGIN EXCLUSIVE");
                }
            }

            @Override
            public void end() throws SQLException {
                try (Statement s = locker[0].createStatement()) {
                    s.execute("ROLLBACK");
                }
                locker[0].close();
            }
        });
    }

    /** How a test makes the ledger unreachable and reachable again. */
    private interface Outage {
        void begin() throws Exception;

        void end() throws Exception;
    }

    private void underLoadWithOutage(LedgerConfig ledger, String ledgerYaml, long outageMillis, Outage outage) throws Exception {
        CrashCards cards = new CrashCards(ACCOUNTS);
        Path cardsFile = dir.resolve("cards.jsonl");
        cards.write(cardsFile);
        CrashBook book = new CrashBook();
        String yaml = (ledgerYaml.isEmpty() ? "" : ledgerYaml) + "policy:\n  velocityMaxApprovals: 32\n";
        try (TestSwitch sw = TestSwitch.builder(dir.resolve("data")).cardsFile(cardsFile).yaml(yaml).start()) {
            LedgerPoster poster = sw.app().poster();
            try (PipelinedLoad load = new PipelinedLoad(sw.connectSignedOn(), book)) {
                // A steady, modest rate: over a minute's outage the velocity limit must not turn the load into declines.
                long pause = outageMillis > SHORT_OUTAGE_MILLIS ? 8 : 2;
                Thread sender = Thread.ofPlatform().name("outage-test-sender").start(() -> load.run(cards, new Random(7), pause));
                await("the poster posts while the ledger is up", 30_000, () -> poster.postedRecords() > 50);

                outage.begin();
                long approvalsBefore = approvals(book);
                long failuresBefore = poster.failures();
                Thread.sleep(outageMillis);
                long approvalsDuring = approvals(book) - approvalsBefore;
                long lagAtEnd = poster.lag();
                System.out.printf("LedgerOutageTest %s: %d approvals during %d s unreachable, poster lag %d, %d failed attempts%n",
                        ledger.dialect(), approvalsDuring, outageMillis / 1000, lagAtEnd, poster.failures() - failuresBefore);
                assertTrue(approvalsDuring >= 50, () -> "approvals while the ledger was unreachable: " + approvalsDuring);
                assertTrue(lagAtEnd >= approvalsDuring, () -> "lag " + lagAtEnd + " after " + approvalsDuring + " approvals");
                assertTrue(poster.failures() > failuresBefore, "the poster noticed the outage");
                assertFalse(load.broken(), "the client connection survived");

                outage.end();
                Thread.sleep(500);
                load.stop();
                sender.join();
                assertTrue(load.drain(30_000), "every request answered");
            }
            await("the poster catches up once the ledger is back", 120_000, () -> poster.lag() == 0);
            String report = sw.app().reconcile(Duration.ofSeconds(10)).get();
            assertTrue(report.contains(": 0 differences") && !report.contains("warning"), report);
            assertEquals(0, poster.rejectedRecords(), "records the ledger refused");
            assertTrue(book.purchases().stream().allMatch(CrashBook.Purchase::answered), "no kill here: all answered");
            CrashLedgerCheck.verify(book, cards, ledger, cards.availablePerAccount(sw.connectSignedOn()));
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
