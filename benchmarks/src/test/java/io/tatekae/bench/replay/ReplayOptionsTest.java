package io.tatekae.bench.replay;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayOptionsTest {
    @Test
    void defaultsAndEveryOption() {
        assertEquals(new ReplayOptions(Path.of("r.bin"), "127.0.0.1", 8583, 1.0, 5_000), ReplayOptions.parse("r.bin"));
        assertEquals(new ReplayOptions(Path.of("r.bin"), "10.0.0.2", 9000, 2.5, 100),
                ReplayOptions.parse("--host", "10.0.0.2", "r.bin", "--port", "9000", "--speed", "2.5", "--timeout-ms", "100"));
        assertEquals(0.0, ReplayOptions.parse("r.bin", "--as-fast-as-possible").speed());
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, ReplayOptions::parse).getMessage().startsWith("no recording given"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayOptions.parse("r.bin", "--speed", "0"))
                .getMessage().startsWith("--speed must be above 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayOptions.parse("r.bin", "--port", "70000"))
                .getMessage().startsWith("--port must be a whole number 1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayOptions.parse("r.bin", "--port"))
                .getMessage().startsWith("--port needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayOptions.parse("r.bin", "other.bin"))
                .getMessage().startsWith("unexpected argument other.bin"));
    }
}
