package io.tatekae.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The databases the ledger runs on: SQLite (embedded, the default) and PostgreSQL (production). The
 * schema and almost every statement are shared; the differences live here and nowhere else.
 */
public enum LedgerDialect {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    LedgerDialect(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    public String urlPrefix() {
        return urlPrefix;
    }

    public static LedgerDialect of(String jdbcUrl) {
        for (LedgerDialect d : values()) {
            if (jdbcUrl.startsWith(d.urlPrefix)) {
                return d;
            }
        }
        throw new IllegalArgumentException("ledger jdbcUrl: only jdbc:sqlite: and jdbc:postgresql: are supported, got "
                + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 24)) + "...");
    }

    /**
     * A predicate "column is one of the values bound at this placeholder": PostgreSQL binds one array
     * ({@code = ANY (?)}, one plan that uses the primary key whatever the count); SQLite has no arrays and
     * reads a JSON array through its built-in {@code json_each}, which also uses the index.
     */
    String anyOf(String column) {
        return this == POSTGRESQL ? column + " = ANY (?)" : column + " IN (SELECT value FROM json_each(?))";
    }

    void bindLongs(Connection c, PreparedStatement s, int index, List<Long> values) throws SQLException {
        if (this == POSTGRESQL) {
            s.setArray(index, c.createArrayOf("BIGINT", values.toArray()));
        } else {
            StringBuilder json = new StringBuilder(values.size() * 8).append('[');
            for (int i = 0; i < values.size(); i++) {
                json.append(i == 0 ? "" : ",").append(values.get(i).longValue());
            }
            s.setString(index, json.append(']').toString());
        }
    }

    void bindStrings(Connection c, PreparedStatement s, int index, List<String> values) throws SQLException {
        if (this == POSTGRESQL) {
            s.setArray(index, c.createArrayOf("VARCHAR", values.toArray()));
        } else {
            StringBuilder json = new StringBuilder(values.size() * 12).append('[');
            for (int i = 0; i < values.size(); i++) {
                jsonString(json.append(i == 0 ? "" : ","), values.get(i));
            }
            s.setString(index, json.append(']').toString());
        }
    }

    /**
     * Reads the ledger position so that no other writer can move it before this transaction ends. SQLite
     * has no row locks: there the batch takes the database's one write lock at its first write, and the
     * position's compare-and-set update (and, in WAL mode, the stale-snapshot check) refuses a batch
     * whose position another writer moved meanwhile. There is one writer anyway (poster.lock).
     */
    String lockPositionSql() {
        return "SELECT last_sequence FROM ledger_position WHERE id = 1" + (this == POSTGRESQL ? " FOR UPDATE" : "");
    }

    private static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        out.append('"');
    }
}
