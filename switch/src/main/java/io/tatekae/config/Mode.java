package io.tatekae.config;

import java.util.List;

/** What the switch is run for; only {@link #PRODUCTION} refuses the published test keys. */
public enum Mode {
    DEMO("demo"), TEST("test"), PRODUCTION("production");

    static final List<String> NAMES = List.of("demo", "test", "production");

    private final String configName;

    Mode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static Mode fromConfigName(String name) {
        for (Mode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + name);
    }
}
