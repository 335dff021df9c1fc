package io.tatekae.ledger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The URL the driver gets: H2's own shutdown hook is turned off where H2 allows it. */
class LedgerConfigTest {
    @Test
    void h2GetsDbCloseOnExitOffUnlessTheUrlSaysOrAutoServerForbidsIt() {
        assertEquals("jdbc:h2:file:/d/ledger;DB_CLOSE_ON_EXIT=FALSE", new LedgerConfig("jdbc:h2:file:/d/ledger", "sa", "").driverUrl());
        assertEquals("jdbc:h2:file:/d/ledger;db_close_on_exit=true",
                new LedgerConfig("jdbc:h2:file:/d/ledger;db_close_on_exit=true", "sa", "").driverUrl());
        assertEquals("jdbc:h2:file:/d/ledger;AUTO_SERVER=TRUE", new LedgerConfig("jdbc:h2:file:/d/ledger;AUTO_SERVER=TRUE", "sa", "").driverUrl());
        assertEquals("jdbc:postgresql://db:5432/t", new LedgerConfig("jdbc:postgresql://db:5432/t", "u", "p").driverUrl());
    }
}
