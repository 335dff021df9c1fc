package io.tatekae.config;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The switch's secret keys, as upper-case hex. {@link #toString()} never shows them.
 *
 * @param panHashKeyHex key of the keyed hash that stands in for a PAN wherever one is stored
 * @param cvkAHex first half of the card verification key (CAV2), a single-length DES key
 * @param cvkBHex second half of the card verification key
 */
public record KeysConfig(String panHashKeyHex, String cvkAHex, String cvkBHex) {
    /** The published test CVK-A (iso8583-profile.md §6): demo and test mode only. */
    public static final String TEST_CVK_A_HEX = "0123456789ABCDEF";
    /** The published test CVK-B (iso8583-profile.md §6): demo and test mode only. */
    public static final String TEST_CVK_B_HEX = "FEDCBA9876543210";
    /** "tatekae-demo-pan-hash-key-000001" in ASCII: demo and test mode only. */
    public static final String DEMO_PAN_HASH_KEY_HEX = "746174656B61652D64656D6F2D70616E2D686173682D6B65792D303030303031";

    public static final KeysConfig DEMO = new KeysConfig(DEMO_PAN_HASH_KEY_HEX, TEST_CVK_A_HEX, TEST_CVK_B_HEX);

    public KeysConfig {
        panHashKeyHex = panHashKeyHex.toUpperCase(Locale.ROOT);
        cvkAHex = cvkAHex.toUpperCase(Locale.ROOT);
        cvkBHex = cvkBHex.toUpperCase(Locale.ROOT);
    }

    public byte[] panHashKey() {
        return HexFormat.of().parseHex(panHashKeyHex);
    }

    public byte[] cvkA() {
        return HexFormat.of().parseHex(cvkAHex);
    }

    public byte[] cvkB() {
        return HexFormat.of().parseHex(cvkBHex);
    }

    /** True when any of the keys is one of the published demo/test keys. */
    public boolean usesTestKeys() {
        return isTestKey(panHashKeyHex) || isTestKey(cvkAHex) || isTestKey(cvkBHex);
    }

    static boolean isTestKey(String hex) {
        String upper = hex.toUpperCase(Locale.ROOT);
        return upper.equals(TEST_CVK_A_HEX) || upper.equals(TEST_CVK_B_HEX) || upper.equals(DEMO_PAN_HASH_KEY_HEX);
    }

    @Override
    public String toString() {
        return "KeysConfig[<hidden>" + (usesTestKeys() ? ", test keys" : "") + "]";
    }
}
