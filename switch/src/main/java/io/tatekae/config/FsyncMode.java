package io.tatekae.config;

import java.util.List;

/**
 * When the journal forces its writes to disk. DURABLE: before the response is sent. BATCH: once per
 * Disruptor batch (still before those responses are flushed). NONE: left to the operating system
 * (tests and benchmarks only: a crash can lose approved holds).
 */
public enum FsyncMode {
    DURABLE("durable"), BATCH("batch"), NONE("none");

    static final List<String> NAMES = List.of("durable", "batch", "none");

    private final String configName;

    FsyncMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static FsyncMode fromConfigName(String name) {
        for (FsyncMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown fsync mode " + name);
    }
}
