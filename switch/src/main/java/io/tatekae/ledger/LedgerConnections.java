package io.tatekae.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Opens connections to the ledger database with the settings crash safety depends on, whatever the
 * URL says (the configuration refuses SQLite URL parameters anyway; the writer sets them again after
 * connecting, because a parameter in the URL would override the driver's properties). SQLite: write-ahead log, {@code synchronous=FULL} (a commit is on disk before it returns, so
 * a SIGKILL or a power loss keeps every acknowledged batch), foreign keys on and a busy timeout;
 * readers open the file read-only, so only the poster ever writes it. The writer's transactions are
 * deferred: the driver begins the next one right after each commit, and an IMMEDIATE one would hold
 * the database's write lock while the poster idles.
 */
public final class LedgerConnections {
    /** How long a SQLite connection waits for another process's lock before it fails (then the poster retries). */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final LedgerConfig config;

    public LedgerConnections(LedgerConfig config) {
        this.config = config;
    }

    public LedgerConfig config() {
        return config;
    }

    /** A connection for the single writer: creates the SQLite file (and its folder) when missing. */
    public Connection openWriter() throws SQLException {
        if (config.dialect() == LedgerDialect.POSTGRESQL) {
            return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        }
        Path file = config.sqliteFile();
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new SQLException("ledger: cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection c = new SQLiteConfig().createConnection(config.jdbcUrl());
        try (Statement s = c.createStatement()) {
            // After the driver applied whatever the URL said: these are what crash safety rests on.
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A connection that only reads: read-only on SQLite (fails while the poster has not created the file yet). */
    public Connection openReader() throws SQLException {
        if (config.dialect() == LedgerDialect.POSTGRESQL) {
            Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
            c.setReadOnly(true);
            return c;
        }
        if (!Files.exists(config.sqliteFile())) {
            throw new SQLException("ledger " + config.sqliteFile() + " does not exist yet (the poster creates it when it first runs)");
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return sqlite.createConnection(config.jdbcUrl());
    }
}
