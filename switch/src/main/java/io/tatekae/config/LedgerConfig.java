package io.tatekae.config;

/**
 * The ledger database (SQLite embedded by default, or PostgreSQL), written asynchronously by the poster.
 *
 * @param url          a JDBC URL; {@code ${data.dir}} in it has already been replaced by the absolute data folder
 * @param poster       where the poster runs
 * @param childHeapMb  the child poster's maximum heap ({@code poster: child})
 * @param childIdle    the child poster runs in Linux's idle scheduling class ({@code chrt --idle}) when it can
 * @param commitIntervalMillis the least time between two ledger transactions of a batch that is not full
 */
public record LedgerConfig(String url, String user, String password, int batchSize, PosterMode poster, int childHeapMb,
                           boolean childIdle, int commitIntervalMillis) {
    /** True when another process posts (child or external): the switch only reads the ledger. */
    public boolean posterElsewhere() {
        return poster != PosterMode.IN_PROCESS;
    }

    @Override
    public String toString() {
        return "LedgerConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "<hidden>")
                + ", batchSize=" + batchSize + ", poster=" + poster.configName() + ", childHeapMb=" + childHeapMb
                + ", childIdle=" + childIdle + ", commitIntervalMillis=" + commitIntervalMillis + "]";
    }
}
