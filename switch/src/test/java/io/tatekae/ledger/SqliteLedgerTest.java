package io.tatekae.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.journal.JournalRecordType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's contract on the embedded default, plus what the connection settings promise. */
class SqliteLedgerTest extends AbstractLedgerTest {
    @TempDir
    Path dataDir;

    @Override
    protected LedgerConfig freshDatabase() {
        return LedgerConfig.sqlite(dataDir);
    }

    @Test
    void theWriterRunsInWalModeWithFullSyncForeignKeysAndABusyTimeout() throws SQLException {
        try (Connection c = new LedgerConnections(config).openWriter(); Statement s = c.createStatement()) {
            assertEquals("wal", pragma(s, "journal_mode"));
            assertEquals("2", pragma(s, "synchronous"), "FULL");
            assertEquals("1", pragma(s, "foreign_keys"));
            assertEquals(Integer.toString(LedgerConnections.BUSY_TIMEOUT_MILLIS), pragma(s, "busy_timeout"));
        }
    }

    @Test
    void aUrlCannotTurnTheSafetySettingsOff() throws SQLException {
        LedgerConfig unsafe = new LedgerConfig(config.jdbcUrl() + "?synchronous=OFF&journal_mode=DELETE&foreign_keys=false"
                + "&busy_timeout=1", "", "");
        try (Connection c = new LedgerConnections(unsafe).openWriter(); Statement s = c.createStatement()) {
            assertEquals("wal", pragma(s, "journal_mode"));
            assertEquals("2", pragma(s, "synchronous"), "FULL");
            assertEquals("1", pragma(s, "foreign_keys"));
            assertEquals(Integer.toString(LedgerConnections.BUSY_TIMEOUT_MILLIS), pragma(s, "busy_timeout"));
        }
    }

    @Test
    void readersCannotWriteAndForeignKeysAreEnforced() throws SQLException {
        ledger.apply(feed.one(JournalRecordType.HOLD_PLACED, 1, "A1", 100));
        try (Connection c = new LedgerConnections(config).openReader(); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE ledger_account SET posted = 1"));
            assertTrue(refused.getMessage().contains("readonly"), refused.getMessage());
        }
        try (Connection c = new LedgerConnections(config).openWriter(); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO ledger_points"
                    + " (entry_id, account_id, hold_id, points, earned_at, expires_at) VALUES (99, 'NOBODY', 1, 1, 0, 1)"));
            assertTrue(refused.getMessage().contains("FOREIGN KEY"), refused.getMessage());
        }
    }

    @Test
    void aReaderBeforeThePosterHasCreatedTheFileSaysSo(@TempDir Path elsewhere) {
        JdbcLedger reader = JdbcLedger.readOnly(LedgerConfig.sqlite(elsewhere));
        LedgerUnavailableException e = assertThrows(LedgerUnavailableException.class, reader::balances);
        assertTrue(LedgerPoster.describe(e).contains("does not exist yet (the poster creates it when it first runs)"),
                LedgerPoster.describe(e));
        assertThrows(LedgerException.class, reader::lastPostedSequence, "a read-only handle never writes or migrates");
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
