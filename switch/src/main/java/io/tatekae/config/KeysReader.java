package io.tatekae.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code keys} section. Each key comes from its environment variable, else from the
 * PKCS12 key store {@code keys.keyStore} when one is given (see {@link KeyStoreReader}), else from
 * the file's hex. Demo and test mode fall back to the published test keys; production mode
 * requires real ones. No message ever shows a key.
 */
final class KeysReader {
    public static final String ENV_PAN_HASH_KEY = "TATEKAE_PAN_HASH_KEY";
    public static final String ENV_CVK_A = "TATEKAE_CVK_A";
    public static final String ENV_CVK_B = "TATEKAE_CVK_B";

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    private KeysReader() {
    }

    static KeysConfig read(YamlSection s, Mode mode, Map<String, String> env, Problems problems) {
        String storeLocation = s.text("keyStore");
        Map<String, String> store = storeLocation == null ? null : KeyStoreReader.read(s, storeLocation, env);
        String panHashKey = key(new KeySpec(s, "panHashKeyHex", ENV_PAN_HASH_KEY, KeyStoreReader.PAN_HASH, 32, 128,
                KeysConfig.DEMO_PAN_HASH_KEY_HEX), mode, env, store, problems);
        String cvkA = key(new KeySpec(s, "cvkAHex", ENV_CVK_A, KeyStoreReader.CVK_A, 16, 16, KeysConfig.TEST_CVK_A_HEX),
                mode, env, store, problems);
        String cvkB = key(new KeySpec(s, "cvkBHex", ENV_CVK_B, KeyStoreReader.CVK_B, 16, 16, KeysConfig.TEST_CVK_B_HEX),
                mode, env, store, problems);
        if (panHashKey == null || cvkA == null || cvkB == null) {
            return KeysConfig.DEMO;
        }
        if (mode == Mode.PRODUCTION && cvkA.equalsIgnoreCase(cvkB)) {
            s.problem("cvkBHex", "must differ from keys.cvkAHex in production mode"
                    + " (equal halves make the key single DES)");
        }
        return new KeysConfig(panHashKey, cvkA, cvkB);
    }

    private record KeySpec(YamlSection section, String key, String envName, String storeEntry, int minHex, int maxHex,
                           String testValue) {
        String length() {
            return minHex == maxHex ? minHex + " hex digits" : minHex + " to " + maxHex + " hex digits (an even number)";
        }
    }

    /**
     * The key's hex, or null when it is missing or invalid (a problem was reported).
     *
     * @param store the key store's keys by entry name, or null when no key store is configured
     */
    private static String key(KeySpec spec, Mode mode, Map<String, String> env, Map<String, String> store,
                              Problems problems) {
        String fileValue = spec.section().secret(spec.key(), spec.length());
        if (store != null && fileValue != null) {
            spec.section().problem(spec.key(), "give either keys.keyStore or the hex keys, not both"
                    + " (remove " + spec.section().pathOf(spec.key()) + ")");
            return null;
        }
        String envValue = env.get(spec.envName());
        boolean fromEnv = envValue != null && !envValue.isBlank();
        boolean fromStore = !fromEnv && store != null;
        if (fromStore && store.get(spec.storeEntry()) == null) {
            return null; // the key store's problem is reported already
        }
        String value = fromEnv ? envValue.strip() : fromStore ? store.get(spec.storeEntry()) : fileValue;
        if (value == null) {
            if (mode != Mode.PRODUCTION) {
                return spec.testValue();
            }
            spec.section().problem(spec.key(), "required in production mode: set it or the environment variable "
                    + spec.envName());
            return null;
        }
        String problem = checkHex(spec, value);
        if (problem == null && mode == Mode.PRODUCTION && KeysConfig.isTestKey(value)) {
            problem = "is a published demo/test key, which production mode refuses"
                    + " (give a real key, preferably through the environment variable " + spec.envName() + ")";
        }
        if (problem == null) {
            return value;
        }
        if (fromEnv) {
            problems.atSource("environment variable " + spec.envName(), problem);
        } else if (fromStore) {
            spec.section().problem("keyStore", "entry '" + spec.storeEntry() + "' " + problem);
        } else {
            spec.section().problem(spec.key(), problem);
        }
        return null;
    }

    private static String checkHex(KeySpec spec, String value) {
        if (!HEX.matcher(value).matches()) {
            return "must be " + spec.length() + "; it has other characters";
        }
        if (value.length() < spec.minHex() || value.length() > spec.maxHex() || value.length() % 2 != 0) {
            return "must be " + spec.length() + "; it has " + value.length();
        }
        return null;
    }
}
