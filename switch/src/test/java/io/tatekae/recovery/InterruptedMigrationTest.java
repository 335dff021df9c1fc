package io.tatekae.recovery;

import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.testsupport.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process SIGKILLed in the middle of creating the ledger schema (four statements into version 1):
 * the next start must finish the migration, not fail on half-made tables forever (what CrashTest
 * once caught with the earlier migrator on H2, which committed each CREATE on its own). Flyway runs
 * the version in one transaction on both databases, so the kill leaves nothing behind.
 */
class InterruptedMigrationTest {
    private static final int STATEMENTS_BEFORE_KILL = 4;

    @TempDir
    Path dir;

    @Test
    void aSqliteLedgerWhoseFirstMigrationWasKilledOpensOnTheNextStart() throws Exception {
        killMidMigrationThenOpen(LedgerConfig.sqlite(dir));
    }

    @Test
    void aPostgresqlLedgerWhoseFirstMigrationWasKilledOpensOnTheNextStart() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start15()) {
            killMidMigrationThenOpen(new LedgerConfig(pg.createDatabase("migration"), pg.user(), pg.password()));
        }
    }

    private static void killMidMigrationThenOpen(LedgerConfig config) throws Exception {
        List<String> command = SwitchProcess.javaCommand(MigrationVictim.class.getName());
        command.addAll(List.of(config.jdbcUrl(), config.user(), config.password(), Integer.toString(STATEMENTS_BEFORE_KILL)));
        Process victim = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(MigrationVictim.HALF_WAY)) {
                output.append(line).append('\n');
            }
            assertTrue(line != null, "the migration never got half-way:\n" + output);
            victim.destroyForcibly(); // SIGKILL, with some of version 1's tables created in the open transaction
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, tables(config, "ledger_%"), "the killed migration left no table behind");
        try (JdbcLedger ledger = JdbcLedger.open(config)) {
            assertEquals(0, ledger.lastPostedSequence());
            assertTrue(ledger.balances().isEmpty());
        }
        try (JdbcLedger again = JdbcLedger.open(config)) {
            assertEquals(0, again.lastPostedSequence(), "a second open changes nothing");
        }
        assertEquals(9, tables(config, "ledger_%"), "every table of versions 1 (six) and 2 (billing: three)");
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "versions 1 and 2 recorded once each");
            assertEquals("2", rs.getString(2));
        }
    }

    private static int tables(LedgerConfig config, String pattern) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             ResultSet rs = c.getMetaData().getTables(null, null, pattern, new String[] {"TABLE"})) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }
}
