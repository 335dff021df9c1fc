package io.tatekae.ledger;

import io.tatekae.testsupport.PostgresCluster;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresLedgerTest extends AbstractLedgerTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.start15();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected LedgerConfig freshDatabase() {
        String url = cluster.createDatabase("ledger_" + DATABASES.incrementAndGet());
        return new LedgerConfig(url, cluster.user(), cluster.password());
    }
}
