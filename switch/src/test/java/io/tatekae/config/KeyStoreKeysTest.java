package io.tatekae.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keys.keyStore: the switch's keys from a PKCS12 key store whose password is in the environment. */
class KeyStoreKeysTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String PAN_HASH = "9F3C2A7B11D04E5A8C6B2F1E0D9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1A";
    private static final String CVK_A = "A1B2C3D4E5F60718";
    private static final String CVK_B = "8172635445362718";
    private static final Map<String, String> ENV = Map.of(KeyStoreReader.ENV_PASSWORD, PASSWORD);

    @TempDir
    Path dir;

    /** What "keytool -importpass" or a key-management tool would write: secret-key entries in PKCS12. */
    private Path store(Map<String, String> hexByAlias, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password.toCharArray());
        for (Map.Entry<String, String> e : hexByAlias.entrySet()) {
            String algorithm = e.getKey().equals("pan-hash") ? "HmacSHA256" : "DES";
            ks.setEntry(e.getKey(), new KeyStore.SecretKeyEntry(
                    new SecretKeySpec(HexFormat.of().parseHex(e.getValue()), algorithm)), protection);
        }
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    private static Map<String, String> keys(String panHash, String cvkA, String cvkB) {
        Map<String, String> m = new LinkedHashMap<>();
        if (panHash != null) {
            m.put("pan-hash", panHash);
        }
        if (cvkA != null) {
            m.put("cvk-a", cvkA);
        }
        if (cvkB != null) {
            m.put("cvk-b", cvkB);
        }
        return m;
    }

    private static String yaml(Path store) {
        return "mode: production\nkeys:\n  keyStore: " + store + "\n";
    }

    private static List<String> problems(String yaml, Map<String, String> env) {
        List<String> problems = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "switch.yaml", Overrides.NONE, env)).problems();
        for (String p : problems) {
            for (String secret : List.of(PAN_HASH, CVK_A, CVK_B, PASSWORD, KeysConfig.TEST_CVK_A_HEX)) {
                assertFalse(p.toUpperCase().contains(secret.toUpperCase()), p);
            }
        }
        return problems;
    }

    @Test
    void productionTakesItsKeysFromTheKeyStore() throws Exception {
        Path file = store(keys(PAN_HASH, CVK_A, CVK_B), PASSWORD);
        KeysConfig keys = ConfigLoader.parse(yaml(file), "switch.yaml", Overrides.NONE, ENV).keys();
        assertEquals(new KeysConfig(PAN_HASH, CVK_A, CVK_B), keys);
        assertFalse(keys.usesTestKeys());
    }

    @Test
    void anEnvironmentVariableStillWinsOverTheKeyStore() throws Exception {
        Path file = store(keys(PAN_HASH, CVK_A, CVK_B), PASSWORD);
        Map<String, String> env = Map.of(KeyStoreReader.ENV_PASSWORD, PASSWORD, KeysReader.ENV_CVK_B, "0F1E2D3C4B5A6978");
        assertEquals(new KeysConfig(PAN_HASH, CVK_A, "0F1E2D3C4B5A6978"),
                ConfigLoader.parse(yaml(file), "switch.yaml", Overrides.NONE, env).keys());
    }

    @Test
    void aMissingPasswordIsNamed() throws Exception {
        Path file = store(keys(PAN_HASH, CVK_A, CVK_B), PASSWORD);
        assertEquals(List.of("switch.yaml: keys.keyStore: set the key store's password in the environment variable"
                + " TATEKAE_KEYSTORE_PASSWORD (line 3)"), problems(yaml(file), Map.of()));
    }

    @Test
    void aWrongPasswordSaysTheStoreCannotBeOpenedWithoutShowingIt() throws Exception {
        Path file = store(keys(PAN_HASH, CVK_A, CVK_B), PASSWORD);
        List<String> problems = problems(yaml(file), Map.of(KeyStoreReader.ENV_PASSWORD, "not the password"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("switch.yaml: keys.keyStore: cannot open " + file
                + " as a PKCS12 key store with the password of TATEKAE_KEYSTORE_PASSWORD ("), problems.get(0));
        assertFalse(problems.get(0).contains("not the password"), problems.get(0));
    }

    @Test
    void aMissingFileAndAMissingEntryAreNamed() throws Exception {
        Path absent = dir.resolve("absent.p12");
        assertEquals(List.of("switch.yaml: keys.keyStore: " + absent + " does not exist (line 3)"),
                problems(yaml(absent), ENV));
        Path file = store(keys(PAN_HASH, CVK_A, null), PASSWORD);
        assertEquals(List.of("switch.yaml: keys.keyStore: " + file + " has no entry 'cvk-b' (needs secret-key entries"
                + " pan-hash, cvk-a, cvk-b) (line 3)"), problems(yaml(file), ENV));
    }

    @Test
    void aKeyOfTheWrongLengthOrATestKeyInTheStoreIsRefusedInProduction() throws Exception {
        Path file = store(keys(PAN_HASH, KeysConfig.TEST_CVK_A_HEX, "8172635445"), PASSWORD);
        assertEquals(List.of(
                "switch.yaml: keys.keyStore: entry 'cvk-a' is a published demo/test key, which production mode refuses"
                        + " (give a real key, preferably through the environment variable TATEKAE_CVK_A) (line 3)",
                "switch.yaml: keys.keyStore: entry 'cvk-b' must be 16 hex digits; it has 10 (line 3)"),
                problems(yaml(file), ENV));
    }

    @Test
    void aKeyStoreAndHexKeysTogetherAreRefused() throws Exception {
        Path file = store(keys(PAN_HASH, CVK_A, CVK_B), PASSWORD);
        List<String> problems = problems(yaml(file) + "  cvkAHex: " + CVK_A + "\n", ENV);
        assertEquals(List.of("switch.yaml: keys.cvkAHex: give either keys.keyStore or the hex keys, not both"
                + " (remove keys.cvkAHex) (line 4)"), problems);
    }
}
