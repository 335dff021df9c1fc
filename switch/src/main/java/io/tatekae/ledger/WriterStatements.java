package io.tatekae.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer connection's prepared statements, kept from one batch to the next. SQLite compiles a
 * statement every time it is prepared, and at a trickle the poster applies hundreds of small batches
 * a second with a dozen statements each; PostgreSQL's driver, for its part, only uses a server-side plan
 * once the same statement object has run a few times. Statements are only handed out here, never
 * closed by their users; {@link #close()} closes them all, and the ledger does so whenever a batch
 * fails (a statement may then hold a half-built JDBC batch) or it drops the connection.
 */
final class WriterStatements implements AutoCloseable {
    /** More distinct SQL strings than the ledger writes means a caller builds SQL per call: a bug. */
    static final int MAX_STATEMENTS = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();

    WriterStatements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** The statement for {@code sql}, prepared on first use; the caller must not close it. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = bySql.get(sql);
        if (statement == null) {
            if (bySql.size() == MAX_STATEMENTS) {
                throw new IllegalStateException("ledger writer: more than " + MAX_STATEMENTS
                        + " distinct statements; SQL must not be built per call");
            }
            statement = connection.prepareStatement(sql);
            bySql.put(sql, statement);
        }
        return statement;
    }

    int size() {
        return bySql.size();
    }

    /** Closes every statement (the connection stays open); the next {@link #get} prepares afresh. */
    @Override
    public void close() {
        for (PreparedStatement statement : bySql.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // closing is all that was asked; a statement that cannot close is gone with its connection
            }
        }
        bySql.clear();
    }
}
