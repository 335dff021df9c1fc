package io.tatekae.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2LedgerTest extends AbstractLedgerTest {
    @TempDir
    Path dataDir;

    @Override
    protected LedgerConfig freshDatabase() {
        return LedgerConfig.h2(dataDir);
    }
}
