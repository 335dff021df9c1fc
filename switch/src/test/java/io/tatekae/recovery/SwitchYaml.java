package io.tatekae.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The switch.yaml of a switch run as its own process: test mode, ISO 8583 and HTTP on loopback, the data folder. */
final class SwitchYaml {
    private SwitchYaml() {
    }

    /** Writes dir/switch.yaml: those first lines, then {@code sections} (the test's own), one a line. */
    static Path write(Path dir, int port, int httpPort, Path data, String... sections) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "mode: test",
                "server:",
                "  host: 127.0.0.1",
                "  port: " + port,
                "http:",
                "  host: 127.0.0.1",
                "  port: " + httpPort,
                "data:",
                "  dir: '" + data.toAbsolutePath() + "'"));
        lines.addAll(List.of(sections));
        return Files.writeString(dir.resolve("switch.yaml"), String.join("\n", lines));
    }
}
