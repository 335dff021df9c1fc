package io.tatekae.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalWriter;
import io.tatekae.testsupport.PostgresCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresLedgerTest extends AbstractLedgerTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.start15();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected LedgerConfig freshDatabase() {
        String url = cluster.createDatabase("ledger_" + DATABASES.incrementAndGet());
        return new LedgerConfig(url, cluster.user(), cluster.password());
    }

    @Test
    void thePosterLosesAndDoublesNothingWhileTheDatabaseIsDown(@TempDir Path dir) {
        JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0);
        JournalLoad load = new JournalLoad();
        LedgerPosterConfig posterConfig = LedgerPosterConfig.defaults().withMaxBatch(100)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200));
        try (JournalWriter writer = JournalWriter.open(journal);
             LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger, posterConfig).start()) {
            load.write(writer, 1, 500);
            JournalLoad.await("first records posted", () -> poster.lastPostedSequence() > 0, Duration.ofSeconds(60));
            cluster.stop();
            try {
                load.write(writer, 501, 1500);
                assertTrue(writer.committedSequence() == load.records(), "the journal keeps accepting while the database is down");
                JournalLoad.await("the poster to notice the outage", () -> poster.failures() > 0, Duration.ofSeconds(60));
                assertTrue(poster.lag() > 0);
            } finally {
                cluster.start();
            }
            load.write(writer, 1501, 2000);
            JournalLoad.await("the poster to catch up after the outage", () -> poster.lag() == 0, Duration.ofSeconds(120));
            assertEquals(load.records(), poster.postedRecords() + poster.skippedRecords(),
                    "a batch whose commit outcome was lost is skipped on retry, not applied twice");
        }
        assertEquals(load.records(), ledger.lastPostedSequence());
        assertEquals(load.records(), count("SELECT COUNT(*) FROM ledger_transfer"));
        assertEquals(2000, count("SELECT COUNT(*) FROM ledger_hold"));
        load.assertLedgerMatches(ledger);
        assertOpenHoldsMatchPendingHolds();
    }
}
