package io.tatekae.bench.restart;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;

import java.util.Map;

/** The switch configuration the benchmark builds and restarts with: production's defaults but the sizes, the folder and what the options set. */
final class BenchConfig {
    private BenchConfig() {
    }

    /** @param fsync the journal's fsync mode: none to build the history quickly, durable (the default) to restart */
    static SwitchConfig of(RestartOptions o, String fsync) {
        String yaml = "mode: demo\n"
                + "data:\n  dir: " + o.dir().toAbsolutePath() + "\n"
                + "state:\n  maxCards: " + o.cards() + "\n  maxAccounts: " + o.accounts() + "\n"
                + "holds:\n  maxOpenHolds: " + o.tableEntries() + "\n"
                + "journal:\n  fsync: " + fsync + "\n"
                + (o.segmentBytes() > 0 ? "  segmentBytes: " + o.segmentBytes() + "\n" : "")
                + (o.snapshotEveryRecords() > 0 ? "  snapshotEveryRecords: " + o.snapshotEveryRecords() + "\n" : "");
        return ConfigLoader.parse(yaml, "restart-benchmark.yaml", Overrides.NONE, Map.of());
    }
}
