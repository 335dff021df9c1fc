package io.tatekae.bench.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * JVM flags of config/jvm.properties: {@code tatekae.jvm.flags}, which every tatekae process runs with
 * (the baselines too), and {@code tatekae.switch.jvm.flags}, which scripts/run adds for the switch.
 */
final class JvmFlags {
    static final String COMMON = "tatekae.jvm.flags";
    static final String SWITCH = "tatekae.switch.jvm.flags";

    private JvmFlags() {
    }

    /** The flags every tatekae process runs with. */
    static List<String> of(Path root) throws IOException {
        return of(root, COMMON);
    }

    /** The flags under {@code key}; empty when the file has no such key (an older checkout). */
    static List<String> of(Path root, String key) throws IOException {
        Path file = root.resolve("config/jvm.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String flags = p.getProperty(key);
        if (flags == null && key.equals(COMMON)) {
            throw new IOException(file + " has no " + COMMON + " key");
        }
        if (flags == null) {
            return List.of();
        }
        return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }
}
