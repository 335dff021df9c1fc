package io.tatekae.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapBudgetTest {
    private static SwitchConfig config(String yaml) {
        return ConfigLoader.parse("mode: test\n" + yaml, "test configuration", Overrides.NONE, Map.of());
    }

    @Test
    void theDefaultsFitInTwoGigabytesAndThirtyMillionHoldsDoNot() {
        SwitchConfig defaults = config("");
        assertDoesNotThrow(() -> HeapBudget.check(defaults, 2L << 30));
        assertThrows(IllegalStateException.class, () -> HeapBudget.check(defaults, 512L << 20));
        SwitchConfig huge = config("holds:\n  maxOpenHolds: 30000000\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HeapBudget.check(huge, 4L << 30));
        assertTrue(e.getMessage().contains("holds.maxOpenHolds 30,000,000"), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        assertTrue(HeapBudget.requiredBytes(huge) > 10L << 30, "over 350 bytes per remembered request");
    }
}
