package io.tatekae.config;

/**
 * The ledger database (H2 embedded by default, or PostgreSQL), written asynchronously.
 *
 * @param url a JDBC URL; {@code ${data.dir}} in it has already been replaced by the absolute data folder
 * @param externalPoster true when {@code scripts/poster} posts the journal in its own process
 *        ({@code ledger.poster: external}); false when the switch runs the poster itself
 */
public record LedgerConfig(String url, String user, String password, int batchSize, boolean externalPoster) {
    public static final java.util.List<String> POSTER_NAMES = java.util.List.of("in-process", "external");

    @Override
    public String toString() {
        return "LedgerConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "<hidden>")
                + ", batchSize=" + batchSize + ", poster=" + (externalPoster ? "external" : "in-process") + "]";
    }
}
