package io.tatekae.ledger;

import java.nio.file.Path;

/**
 * How to reach the ledger database.
 *
 * @param jdbcUrl  {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
 * @param user     database user (may be empty for embedded H2)
 * @param password database password (may be empty)
 */
public record LedgerConfig(String jdbcUrl, String user, String password) {
    public LedgerConfig {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("ledger jdbcUrl: missing");
        }
        LedgerDialect.of(jdbcUrl);
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The default embedded ledger: {@code jdbc:h2:file:<dataDir>/ledger/ledger}. */
    public static LedgerConfig h2(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("ledger").resolve("ledger");
        return new LedgerConfig("jdbc:h2:file:" + file, "sa", "");
    }

    /**
     * The URL given to the driver. H2 closes its databases in a JVM shutdown hook of its own, which
     * would pull the database away from a poster still draining in ours; the ledger closes its
     * connections itself, so for H2 that hook is turned off unless the URL says otherwise. H2 refuses
     * that together with AUTO_SERVER; there the poster's retry reopens the database and finishes.
     */
    public String driverUrl() {
        if (dialect() == LedgerDialect.H2 && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
                && !LedgerDialect.isH2AutoServer(jdbcUrl)) {
            return jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return jdbcUrl;
    }

    public LedgerDialect dialect() {
        return LedgerDialect.of(jdbcUrl);
    }

    @Override
    public String toString() {
        return "LedgerConfig{" + jdbcUrl + ", user=" + user + '}';
    }
}
