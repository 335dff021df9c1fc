package io.tatekae.app;

import io.tatekae.config.SwitchConfig;
import io.tatekae.ledger.LedgerPosterConfig;
import java.time.Duration;

/** The poster's settings from the switch's configuration: the same whether it runs in the switch's process or its own. */
final class PosterSettings {
    private PosterSettings() {
    }

    static LedgerPosterConfig of(SwitchConfig config) {
        return LedgerPosterConfig.defaults().withMaxBatch(config.ledger().batchSize())
                .withCommitInterval(Duration.ofMillis(config.ledger().commitIntervalMillis()));
    }
}
