package io.tatekae.config;

/**
 * The ledger database (H2 embedded by default, or PostgreSQL), written asynchronously.
 *
 * @param url a JDBC URL; {@code ${data.dir}} in it has already been replaced by the absolute data folder
 */
public record LedgerConfig(String url, String user, String password, int batchSize) {
    @Override
    public String toString() {
        return "LedgerConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "<hidden>")
                + ", batchSize=" + batchSize + "]";
    }
}
