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

    public LedgerDialect dialect() {
        return LedgerDialect.of(jdbcUrl);
    }

    @Override
    public String toString() {
        return "LedgerConfig{" + jdbcUrl + ", user=" + user + '}';
    }
}
