package io.tatekae.ledger;

/** The databases the ledger runs on. The shared SQL is portable; a migration may have a per-dialect override file. */
public enum LedgerDialect {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String fileSuffix;

    LedgerDialect(String fileSuffix) {
        this.fileSuffix = fileSuffix;
    }

    /** Suffix of a migration override: {@code V1__x.sql} is replaced by {@code V1__x.postgresql.sql} when present. */
    public String fileSuffix() {
        return fileSuffix;
    }

    /**
     * True for an H2 URL with {@code AUTO_SERVER=TRUE}: the first process to open the file serves it to
     * the others, so a switch and an external poster can share it.
     */
    public static boolean isH2AutoServer(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") && jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE");
    }

    public static LedgerDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("ledger jdbcUrl: only jdbc:h2: and jdbc:postgresql: are supported, got "
                + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 24)) + "...");
    }
}
