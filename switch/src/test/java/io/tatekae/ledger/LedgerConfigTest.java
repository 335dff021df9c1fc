package io.tatekae.ledger;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database a URL names; the embedded default's file. */
class LedgerConfigTest {
    @Test
    void theDialectComesFromTheUrlAndOnlySqliteAndPostgresqlAreSupported() {
        assertEquals(LedgerDialect.SQLITE, new LedgerConfig("jdbc:sqlite:/d/ledger.db", "", "").dialect());
        assertEquals(LedgerDialect.POSTGRESQL, new LedgerConfig("jdbc:postgresql://db:5432/t", "u", "p").dialect());
        IllegalArgumentException h2 = assertThrows(IllegalArgumentException.class, () -> new LedgerConfig("jdbc:h2:file:/d/l", "sa", ""));
        assertTrue(h2.getMessage().contains("only jdbc:sqlite: and jdbc:postgresql: are supported"), h2.getMessage());
    }

    @Test
    void theEmbeddedLedgerIsAFileUnderTheDataFolder() {
        LedgerConfig config = LedgerConfig.sqlite(Path.of("/srv/tatekae/data"));
        assertEquals("jdbc:sqlite:/srv/tatekae/data/ledger/ledger.db", config.jdbcUrl());
        assertEquals(Path.of("/srv/tatekae/data/ledger/ledger.db"), config.sqliteFile());
    }
}
