package io.tatekae.config;

import java.nio.file.Path;

/** Where the switch keeps its files: {@code state/}, {@code journal/} and (with H2) {@code ledger/}. */
public record DataConfig(Path dir) {
    public Path stateDir() {
        return dir.resolve("state");
    }

    public Path journalDir() {
        return dir.resolve("journal");
    }

    /** Snapshots of the replayed state, so that a start replays only the journal after the newest. */
    public Path snapshotDir() {
        return dir.resolve("snapshots");
    }

    public Path ledgerDir() {
        return dir.resolve("ledger");
    }
}
