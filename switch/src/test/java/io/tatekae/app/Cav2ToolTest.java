package io.tatekae.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Cav2ToolTest {
    private static final Map<String, String> TEST_KEYS =
        Map.of("TATEKAE_CVK_A", "0123456789ABCDEF", "TATEKAE_CVK_B", "FEDCBA9876543210");
    private static final Map<String, String> OTHER_KEYS =
        Map.of("TATEKAE_CVK_A", "1111111111111111", "TATEKAE_CVK_B", "2222222222222222");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Cav2Tool.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsMaskedPanExpiryAndCav2() {
        assertEquals(0, run(TEST_KEYS, "3540990000001007", "3012", "4123456789012345", "8701"));
        final String[] lines = out().split("\\R");
        assertEquals("354099******1007 3012 394", lines[0]);
        assertTrue(lines[1].startsWith("412345******2345 8701 "), lines[1]);
        assertFalse(out().contains("3540990000001007"));
    }

    @Test
    void serviceCodeOptionReproducesTheProfileCheckValue() {
        assertEquals(0, run(TEST_KEYS, "--service-code", "101", "4123456789012345", "8701"));
        assertEquals("412345******2345 8701 561", out().strip());
    }

    @Test
    void refusesNonTestKeysUnlessAllowed() {
        assertEquals(2, run(OTHER_KEYS, "3540990000001007", "3012"));
        assertEquals("", out());
        assertTrue(err().contains("--allow-production-keys"), err());
        assertEquals(0, run(OTHER_KEYS, "--allow-production-keys", "3540990000001007", "3012"));
        assertTrue(out().startsWith("354099******1007 3012 "), out());
    }

    @Test
    void missingKeysAndBadArgumentsAreUsageErrors() {
        assertEquals(2, run(Map.of(), "3540990000001007", "3012"));
        assertTrue(err().contains("CVK-A is missing"), err());
        assertEquals(2, run(TEST_KEYS, "3540990000001007"));
        assertEquals(2, run(TEST_KEYS, "3540990000001007", "30-12"));
        assertEquals(2, run(TEST_KEYS, "35409900000X1007", "3012"));
        assertEquals(2, run(TEST_KEYS, "--verbose", "3540990000001007", "3012"));
        assertEquals("", out());
        assertFalse(err().contains("35409900000X1007"), err());
    }
}
