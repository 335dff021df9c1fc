package io.tatekae.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A fixed-width {@code IN (?, ?, ...)} list so one prepared statement serves every chunk: a short
 * chunk is padded by repeating its last value, which changes nothing in the result.
 */
final class InList {
    static final int WIDTH = 100;

    private InList() {
    }

    static String placeholders() {
        return "(" + "?, ".repeat(WIDTH - 1) + "?)";
    }

    /** Binds {@code values[from .. from+WIDTH)} starting at parameter {@code firstIndex}. */
    static <T> void bind(PreparedStatement statement, int firstIndex, List<T> values, int from) throws SQLException {
        int to = Math.min(values.size(), from + WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            T value = values.get(Math.min(from + i, to - 1));
            statement.setObject(firstIndex + i, value);
        }
    }
}
