package io.tatekae.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the schema up to date from the numbered files listed in {@code db/migration/index.txt}
 * ({@code V<n>__<what>.sql}), recording each applied version in {@code schema_version}.
 * H2 commits every DDL statement on its own, so a process killed mid-migration leaves part of a file
 * applied and its version unrecorded: each statement must be safe to run again (IF NOT EXISTS,
 * guarded inserts), because the next start runs the whole file again.
 */
public final class SchemaMigrator {
    static final String LOCATION = "db/migration/";

    private final LedgerDialect dialect;

    public SchemaMigrator(LedgerDialect dialect) {
        this.dialect = dialect;
    }

    /** @return the schema version after migrating. */
    public int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            connection.setAutoCommit(false);
            int current = currentVersion(connection);
            for (String file : listMigrations()) {
                int version = versionOf(file);
                if (version > current) {
                    apply(connection, file, version);
                    current = version;
                }
            }
            return current;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection connection, String file, int version) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(dialectFile(file)))) {
                statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, file);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("ledger migration " + file + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private String dialectFile(String file) {
        String override = file.replace(".sql", "." + dialect.fileSuffix() + ".sql");
        return SchemaMigrator.class.getClassLoader().getResource(LOCATION + override) != null ? override : file;
    }

    static List<String> listMigrations() {
        List<String> files = new ArrayList<>();
        int previous = 0;
        for (String line : read("index.txt").split("\n")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            int version = versionOf(file);
            if (version != previous + 1) {
                throw new LedgerException("db/migration/index.txt: " + file + " should be version " + (previous + 1));
            }
            previous = version;
            files.add(file);
        }
        return files;
    }

    static int versionOf(String file) {
        int separator = file.indexOf("__");
        if (!file.startsWith("V") || separator < 2 || !file.endsWith(".sql")) {
            throw new LedgerException("db/migration: " + file + " is not named V<n>__<what>.sql");
        }
        return Integer.parseInt(file.substring(1, separator));
    }

    /** Splits on ';' at the end of a line, dropping full-line {@code --} comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new LedgerException("db/migration: a statement is not terminated by ';': " + current.toString().strip());
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
            if (in == null) {
                throw new LedgerException("db/migration/" + name + ": not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LedgerException("db/migration/" + name + ": cannot read", e);
        }
    }
}
