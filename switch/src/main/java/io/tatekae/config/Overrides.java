package io.tatekae.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Values from the command line that replace the file's; they are validated like the file's. */
public record Overrides(Optional<Path> dataDir, OptionalInt port, OptionalInt httpPort) {
    public static final Overrides NONE = new Overrides(Optional.empty(), OptionalInt.empty(), OptionalInt.empty());

    public Overrides withDataDir(Path dir) {
        return new Overrides(Optional.of(dir), port, httpPort);
    }

    public Overrides withPort(int value) {
        return new Overrides(dataDir, OptionalInt.of(value), httpPort);
    }

    public Overrides withHttpPort(int value) {
        return new Overrides(dataDir, port, OptionalInt.of(value));
    }
}
