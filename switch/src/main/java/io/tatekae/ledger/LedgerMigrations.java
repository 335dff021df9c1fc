package io.tatekae.ledger;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the ledger schema up to date with Flyway from {@code db/migration/V<n>__<what>.sql}, shared by
 * both databases; a file under {@code db/dialect/sqlite/} or {@code db/dialect/postgresql/} only where
 * the dialects truly differ (Flyway scans a location's subfolders too, so they cannot live under it).
 * Each migration runs in one transaction on SQLite and PostgreSQL alike (both have transactional DDL),
 * so a process killed mid-migration leaves nothing half-done: the next start runs it again.
 */
public final class LedgerMigrations {
    static final String SHARED = "db/migration";
    static final String DIALECT = "db/dialect/";
    /** The hand-written migrator of earlier releases kept its versions here (PostgreSQL ledgers only, H2 is gone). */
    static final String LEGACY_VERSION_TABLE = "schema_version";

    private LedgerMigrations() {
    }

    /** Migrates on a writer connection; {@code callbacks} are for tests that stop a migration half-way. */
    public static String migrate(LedgerConnections connections, Callback... callbacks) {
        LedgerDialect dialect = connections.config().dialect();
        boolean legacy = hasLegacyVersionTable(connections);
        Flyway flyway = Flyway.configure(LedgerMigrations.class.getClassLoader())
                .dataSource(new WriterDataSource(connections))
                .locations(locations(dialect))
                // A ledger made by the earlier migrator already has version 1's tables: adopt them as version 1.
                .baselineOnMigrate(legacy)
                .baselineVersion("1")
                .baselineDescription("ledger core (created by the earlier schema_version migrator)")
                .callbacks(callbacks)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            return result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        } catch (FlywayException e) {
            throw new LedgerUnavailableException("ledger " + connections.config().jdbcUrl() + ": migration failed: "
                    + e.getMessage(), e);
        }
    }

    /** The shared folder, and the dialect's own when it has one (Flyway warns about a missing location). */
    static String[] locations(LedgerDialect dialect) {
        String own = DIALECT + dialect.name().toLowerCase(Locale.ROOT);
        return LedgerMigrations.class.getClassLoader().getResource(own) == null
                ? new String[] {"classpath:" + SHARED}
                : new String[] {"classpath:" + SHARED, "classpath:" + own};
    }

    private static boolean hasLegacyVersionTable(LedgerConnections connections) {
        try (Connection c = connections.openWriter()) {
            DatabaseMetaData meta = c.getMetaData();
            return tableExists(meta, LEGACY_VERSION_TABLE) && !tableExists(meta, "flyway_schema_history");
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger " + connections.config().jdbcUrl() + ": cannot connect to migrate", e);
        }
    }

    private static boolean tableExists(DatabaseMetaData meta, String table) throws SQLException {
        try (ResultSet rs = meta.getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** Flyway takes its connections here, so they carry the same settings as the poster's. */
    private record WriterDataSource(LedgerConnections connections) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connections.openWriter();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connections.openWriter();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // Flyway logs through its own logger.
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // The drivers' defaults apply.
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper for " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
