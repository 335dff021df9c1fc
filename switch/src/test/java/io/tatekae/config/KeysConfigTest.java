package io.tatekae.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeysConfigTest {
    private static final String REAL_PAN_HASH_KEY = "9F3C2A7B11D04E5A8C6B2F1E0D9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1A";
    private static final String REAL_CVK_A = "A1B2C3D4E5F60718";
    private static final String REAL_CVK_B = "8172635445362718";

    private static final Map<String, String> REAL_KEYS = Map.of(
            KeysReader.ENV_PAN_HASH_KEY, REAL_PAN_HASH_KEY,
            KeysReader.ENV_CVK_A, REAL_CVK_A,
            KeysReader.ENV_CVK_B, REAL_CVK_B);

    private static List<String> problems(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "switch.yaml", Overrides.NONE, env)).problems();
    }

    private static void assertNoKeyShown(List<String> problems) {
        for (String problem : problems) {
            for (String key : List.of(KeysConfig.TEST_CVK_A_HEX, KeysConfig.TEST_CVK_B_HEX, KeysConfig.DEMO_PAN_HASH_KEY_HEX,
                    REAL_PAN_HASH_KEY, REAL_CVK_A, REAL_CVK_B, "0123")) {
                assertFalse(problem.toUpperCase().contains(key), problem);
            }
        }
    }

    @Test
    void productionRefusesThePublishedTestKeysWithoutShowingThem() {
        String shipped = "mode: production\nkeys:\n  panHashKeyHex: " + KeysConfig.DEMO_PAN_HASH_KEY_HEX
                + "\n  cvkAHex: 0123456789ABCDEF\n  cvkBHex: fedcba9876543210\n";
        List<String> problems = problems(shipped, Map.of());
        assertEquals(3, problems.size(), problems.toString());
        assertEquals("switch.yaml: keys.cvkAHex: is a published demo/test key, which production mode refuses"
                + " (give a real key, preferably through the environment variable TATEKAE_CVK_A) (line 4)", problems.get(1));
        assertNoKeyShown(problems);
    }

    @Test
    void demoAndTestModeAcceptTheTestKeysAndDefaultToThem() {
        assertTrue(ConfigLoader.parse("mode: test\n", "switch.yaml", Overrides.NONE, Map.of()).keys().usesTestKeys());
        assertEquals(KeysConfig.DEMO, ConfigLoader.parse("mode: demo\n", "switch.yaml", Overrides.NONE, Map.of()).keys());
    }

    @Test
    void productionRequiresEveryKey() {
        List<String> problems = problems("mode: production\n", Map.of());
        assertEquals(List.of(
                "switch.yaml: keys.panHashKeyHex: required in production mode: set it or the environment variable TATEKAE_PAN_HASH_KEY",
                "switch.yaml: keys.cvkAHex: required in production mode: set it or the environment variable TATEKAE_CVK_A",
                "switch.yaml: keys.cvkBHex: required in production mode: set it or the environment variable TATEKAE_CVK_B"),
                problems);
    }

    @Test
    void environmentKeysWinOverTheFile() {
        String withTestKeys = "mode: production\nkeys:\n  cvkAHex: 0123456789ABCDEF\n  cvkBHex: FEDCBA9876543210\n";
        KeysConfig keys = ConfigLoader.parse(withTestKeys, "switch.yaml", Overrides.NONE, REAL_KEYS).keys();
        assertEquals(new KeysConfig(REAL_PAN_HASH_KEY, REAL_CVK_A, REAL_CVK_B), keys);
        assertFalse(keys.usesTestKeys());
        assertArrayEquals(new byte[] {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4, (byte) 0xE5, (byte) 0xF6, 0x07, 0x18},
                keys.cvkA());
        assertEquals("KeysConfig[<hidden>]", keys.toString());
    }

    @Test
    void malformedKeysAreNamedBySourceAndNeverShown() {
        List<String> problems = problems("keys:\n  cvkBHex: 0123ZZ\n",
                Map.of(KeysReader.ENV_CVK_A, "0123", KeysReader.ENV_PAN_HASH_KEY, "0123456789ABCDEF"));
        assertEquals(List.of(
                "environment variable TATEKAE_PAN_HASH_KEY: must be 32 to 128 hex digits (an even number); it has 16",
                "environment variable TATEKAE_CVK_A: must be 16 hex digits; it has 4",
                "switch.yaml: keys.cvkBHex: must be 16 hex digits; it has other characters (line 2)"), problems);
        assertNoKeyShown(problems);
        assertNoKeyShown(problems("keys:\n  cvkAHex: [0123456789ABCDEF]\n", Map.of()));
    }

    @Test
    void productionRefusesEqualKeyHalvesAndAnUnsyncedJournal() {
        Map<String, String> env = Map.of(KeysReader.ENV_PAN_HASH_KEY, REAL_PAN_HASH_KEY,
                KeysReader.ENV_CVK_A, REAL_CVK_A, KeysReader.ENV_CVK_B, REAL_CVK_A);
        assertEquals(List.of(
                "switch.yaml: keys.cvkBHex: must differ from keys.cvkAHex in production mode (equal halves make the key single DES)",
                "switch.yaml: journal.fsync: none is refused in production mode: a crash could lose approved holds (use durable or batch) (line 3)"),
                problems("mode: production\njournal:\n  fsync: none\n", env));
    }

    @Test
    void productionStartsWithRealKeysFromTheEnvironment() {
        SwitchConfig config = ConfigLoader.load(ConfigLoaderTest.shippedConfig(), Overrides.NONE, REAL_KEYS);
        assertEquals(Mode.DEMO, config.mode());
        SwitchConfig production = ConfigLoader.parse("mode: production\n", "switch.yaml", Overrides.NONE, REAL_KEYS);
        assertEquals(Mode.PRODUCTION, production.mode());
        assertNoKeyShown(List.of(production.toString(), config.toString()));
        assertEquals(Path.of("data").toAbsolutePath(), production.data().dir());
    }
}
