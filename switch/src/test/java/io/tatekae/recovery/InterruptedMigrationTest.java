package io.tatekae.recovery;

import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What CrashTest once caught: the switch killed while H2 was creating the ledger schema. H2 commits
 * each CREATE on its own, so the database keeps the first tables but no schema_version row; the next
 * start must finish the migration instead of failing on "table already exists" forever.
 */
class InterruptedMigrationTest {
    @TempDir
    Path dataDir;

    @Test
    void aLedgerWhoseFirstMigrationWasCutShortOpensOnTheNextStart() throws Exception {
        LedgerConfig config = LedgerConfig.h2(dataDir);
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            s.execute("CREATE TABLE ledger_account (account_id VARCHAR(16) NOT NULL PRIMARY KEY, account_index INTEGER NOT NULL,"
                    + " pending_holds BIGINT NOT NULL, posted BIGINT NOT NULL, created_seq BIGINT NOT NULL)");
            s.execute("CREATE TABLE ledger_position (id INTEGER NOT NULL PRIMARY KEY, last_sequence BIGINT NOT NULL)");
        }
        try (JdbcLedger ledger = JdbcLedger.open(config)) {
            assertEquals(0, ledger.lastPostedSequence());
            assertTrue(ledger.balances().isEmpty());
        }
        try (JdbcLedger again = JdbcLedger.open(config)) {
            assertEquals(0, again.lastPostedSequence(), "a second open changes nothing");
        }
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "versions 1 and 2 recorded once each");
            assertEquals(2, rs.getInt(2));
        }
    }
}
