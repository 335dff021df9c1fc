package io.tatekae.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's kept statements over a real SQLite connection. */
class WriterStatementsTest {
    @Test
    void aStatementIsPreparedOnceKeptOpenAndClosedWithTheRest(@TempDir Path dir) throws SQLException {
        try (Connection c = new LedgerConnections(LedgerConfig.sqlite(dir)).openWriter()) {
            WriterStatements statements = new WriterStatements(c);
            PreparedStatement first = statements.get("SELECT ? + 1");
            assertSame(first, statements.get("SELECT ? + 1"));
            assertEquals(42, selectPlusOne(first, 41));
            assertEquals(8, selectPlusOne(statements.get("SELECT ? + 1"), 7), "usable again after a run");
            assertEquals(1, statements.size());

            statements.close();
            assertTrue(first.isClosed());
            assertEquals(0, statements.size());
            PreparedStatement again = statements.get("SELECT ? + 1");
            assertNotSame(first, again);
            assertEquals(3, selectPlusOne(again, 2));
            assertFalse(c.isClosed(), "closing the statements leaves the connection open");
        }
    }

    @Test
    void moreDistinctStatementsThanTheBoundAreRefused(@TempDir Path dir) throws SQLException {
        try (Connection c = new LedgerConnections(LedgerConfig.sqlite(dir)).openWriter();
             WriterStatements statements = new WriterStatements(c)) {
            for (int i = 0; i < WriterStatements.MAX_STATEMENTS; i++) {
                statements.get("SELECT " + i);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> statements.get("SELECT -1"));
            assertTrue(e.getMessage().contains("built per call"), e.getMessage());
            statements.get("SELECT 0");
        }
    }

    private static long selectPlusOne(PreparedStatement s, long value) throws SQLException {
        s.setLong(1, value);
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
