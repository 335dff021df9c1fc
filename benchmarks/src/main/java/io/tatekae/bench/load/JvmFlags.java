package io.tatekae.bench.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The JVM flags every tatekae process runs with: {@code tatekae.jvm.flags} of config/jvm.properties. */
final class JvmFlags {
    private JvmFlags() {
    }

    static List<String> of(Path root) throws IOException {
        Path file = root.resolve("config/jvm.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String flags = p.getProperty("tatekae.jvm.flags");
        if (flags == null) {
            throw new IOException(file + " has no tatekae.jvm.flags key");
        }
        return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }
}
