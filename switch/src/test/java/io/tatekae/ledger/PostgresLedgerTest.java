package io.tatekae.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalWriter;
import io.tatekae.testsupport.PostgresCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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

    /** A ledger the earlier release made (its own schema_version table, no Flyway history) keeps its data and is version 1. */
    @Test
    void aLedgerMadeByTheEarlierMigratorIsAdoptedAsVersionOne() throws Exception {
        LedgerConfig old = freshDatabase();
        String v1;
        try (var in = JdbcLedger.class.getResourceAsStream("/db/migration/V1__ledger_core.sql")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection(old.jdbcUrl(), old.user(), old.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " applied_at BIGINT NOT NULL)");
            s.execute(v1);
            s.execute("INSERT INTO schema_version VALUES (1, 'V1__ledger_core.sql', 0)");
            s.execute("UPDATE ledger_position SET last_sequence = 41");
        }
        try (JdbcLedger adopted = JdbcLedger.open(old)) {
            assertEquals(41, adopted.lastPostedSequence(), "the old ledger's position is kept");
        }
        try (Connection c = DriverManager.getConnection(old.jdbcUrl(), old.user(), old.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank")) {
            assertTrue(rs.next());
            assertEquals("1", rs.getString(1));
            assertEquals("BASELINE", rs.getString(2), "adopted, not migrated again");
            assertTrue(rs.next(), "the versions after it are applied");
            assertEquals("2", rs.getString(1));
            assertEquals("SQL", rs.getString(2));
            assertFalse(rs.next());
        }
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
