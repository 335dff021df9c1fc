package io.tatekae.config;

import java.util.List;

/**
 * The Disruptor wait strategy of the decision thread. BLOCKING is the default: on a 2-core machine a
 * spinning consumer takes a core away from the Netty event loop.
 */
public enum WaitStrategyKind {
    BLOCKING("blocking"), SLEEPING("sleeping"), YIELDING("yielding"), BUSY_SPIN("busy-spin");

    static final List<String> NAMES = List.of("blocking", "sleeping", "yielding", "busy-spin");

    private final String configName;

    WaitStrategyKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static WaitStrategyKind fromConfigName(String name) {
        for (WaitStrategyKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown wait strategy " + name);
    }
}
