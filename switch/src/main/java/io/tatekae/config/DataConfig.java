package io.tatekae.config;

import java.nio.file.Path;

/** Where the switch keeps its files: {@code state/}, {@code journal/} and (with the embedded SQLite ledger) {@code ledger/}. */
public record DataConfig(Path dir) {
    public Path stateDir() {
        return dir.resolve("state");
    }

    public Path journalDir() {
        return dir.resolve("journal");
    }

    public Path ledgerDir() {
        return dir.resolve("ledger");
    }
}
