package io.tatekae.config;

import java.util.Arrays;
import java.util.List;

/** Where the ledger poster runs ({@code ledger.poster}). */
public enum PosterMode {
    /** A thread of the switch: for tests and embedded use (its garbage collection pauses the switch). */
    IN_PROCESS("in-process"),
    /** A child process the switch starts, supervises and stops (the default). */
    CHILD("child"),
    /** A process the operator runs ({@code scripts/poster}); the switch only journals. */
    EXTERNAL("external");

    public static final List<String> NAMES = Arrays.stream(values()).map(PosterMode::configName).toList();

    private final String configName;

    PosterMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static PosterMode fromConfigName(String name) {
        for (PosterMode m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("ledger.poster: " + name);
    }
}
