package io.tatekae.ledger;

import java.nio.file.Path;

/**
 * How to reach the ledger database.
 *
 * @param jdbcUrl  {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql:...}
 * @param user     database user (unused by SQLite)
 * @param password database password (unused by SQLite)
 */
public record LedgerConfig(String jdbcUrl, String user, String password) {
    /** The embedded ledger's file under the data folder. */
    public static final String SQLITE_FILE = "ledger/ledger.db";

    public LedgerConfig {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("ledger jdbcUrl: missing");
        }
        LedgerDialect.of(jdbcUrl);
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The default embedded ledger: {@code jdbc:sqlite:<dataDir>/ledger/ledger.db}. */
    public static LedgerConfig sqlite(Path dataDir) {
        return new LedgerConfig(LedgerDialect.SQLITE.urlPrefix() + dataDir.toAbsolutePath().resolve(SQLITE_FILE), "", "");
    }

    public LedgerDialect dialect() {
        return LedgerDialect.of(jdbcUrl);
    }

    /** The SQLite database file; only for {@link LedgerDialect#SQLITE}. */
    public Path sqliteFile() {
        if (dialect() != LedgerDialect.SQLITE) {
            throw new IllegalStateException("not a SQLite ledger: " + this);
        }
        return Path.of(jdbcUrl.substring(LedgerDialect.SQLITE.urlPrefix().length()));
    }

    @Override
    public String toString() {
        return "LedgerConfig{" + jdbcUrl + (user.isEmpty() ? "" : ", user=" + user) + '}';
    }
}
