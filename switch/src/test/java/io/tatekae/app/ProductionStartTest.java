package io.tatekae.app;

import io.tatekae.config.KeysConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real entry point ({@code scripts/run} → {@link Main}) in its own process: the shipped
 * config/switch.yaml switched to production mode, still holding the published test keys, does not
 * start; it exits 2 naming every refused key, without showing any of them and without opening a port.
 */
@Timeout(120)
class ProductionStartTest {
    @TempDir
    Path dir;

    @Test
    void productionWithTheShippedTestKeysRefusesToStart() throws Exception {
        Path shipped = Path.of(System.getProperty("tatekae.repo.dir", ".."), "config", "switch.yaml");
        String yaml = Files.readString(shipped);
        assertTrue(yaml.contains("\nmode: demo\n"), "the shipped configuration is in demo mode");
        Path production = dir.resolve("switch.yaml");
        Files.writeString(production, yaml.replace("\nmode: demo\n", "\nmode: production\n"));

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config", production.toString(), "--data-dir", dir.resolve("data").toString(), "--port", "0",
                "--http-port", "0")
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the switch exited");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), output);
        for (String key : List.of("panHashKeyHex", "cvkAHex", "cvkBHex")) {
            assertTrue(output.contains("keys." + key + ": is a published demo/test key, which production mode refuses"),
                    output);
        }
        for (String secret : List.of(KeysConfig.TEST_CVK_A_HEX, KeysConfig.TEST_CVK_B_HEX, KeysConfig.DEMO_PAN_HASH_KEY_HEX)) {
            assertFalse(output.toUpperCase().contains(secret), output);
        }
        assertFalse(output.contains("listening"), output);
        assertFalse(Files.exists(dir.resolve("data").resolve("journal")), "no state was created");
    }
}
