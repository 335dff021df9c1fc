package io.tatekae.config;

import java.nio.file.Path;

/**
 * The traffic recorder (docs/replay.md): every inbound message and every response appended to
 * {@code file}, CAV2 removed. Only in demo or test mode.
 */
public record RecorderConfig(boolean enabled, Path file) {
    public static final RecorderConfig DISABLED = new RecorderConfig(false, null);
}
