package io.tatekae.config;

import java.util.List;

/**
 * Which threads a request crosses. RUN_TO_COMPLETION (the default, chosen by measurement on a 2-core
 * machine: docs/benchmarks.md) decodes, decides, journals, encodes and writes on the one network I/O
 * thread, with one journal commit per read batch and no hand-off. RING hands each request through the
 * Disruptor ring to a separate decision thread: worth it only where spare cores let the decision
 * thread spin (wait strategy busy-spin or yielding) instead of being woken for every batch.
 */
public enum ThreadingMode {
    RUN_TO_COMPLETION("run-to-completion"), RING("ring");

    static final List<String> NAMES = List.of("run-to-completion", "ring");

    private final String configName;

    ThreadingMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static ThreadingMode fromConfigName(String name) {
        for (ThreadingMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown threading mode " + name);
    }
}
