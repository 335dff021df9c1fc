package io.tatekae.engine.cav2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CardVerificationKeysTest {
    @Test
    void recognizesThePublishedTestKeysInEitherCase() {
        assertTrue(CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210").isPublishedTestKey());
        assertTrue(CardVerificationKeys.fromHex("0123456789abcdef", "fedcba9876543210").isPublishedTestKey());
        // only parity bits differ: DES treats these as the test keys, so they are refused as well
        assertTrue(CardVerificationKeys.fromHex("0023456789ABCDEF", "FEDCBA9876543211").isPublishedTestKey());
    }

    @Test
    void otherKeysAreNotTestKeys() {
        assertFalse(CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543230").isPublishedTestKey());
        assertFalse(CardVerificationKeys.fromHex("FEDCBA9876543210", "0123456789ABCDEF").isPublishedTestKey());
        assertFalse(CardVerificationKeys.fromHex("1123456789ABCDEF", "FEDCBA9876543210").isPublishedTestKey());
    }

    @Test
    void badKeysAreNamedButNeverShown() {
        assertMessage("CVK-A has 15 characters; expected 16 hex digits", "0123456789ABCDE", "FEDCBA9876543210");
        assertMessage("CVK-B has 17 characters; expected 16 hex digits", "0123456789ABCDEF", "FEDCBA98765432101");
        assertMessage("CVK-A is missing; expected 16 hex digits", null, "FEDCBA9876543210");
        assertMessage("CVK-B is missing; expected 16 hex digits", "0123456789ABCDEF", "");
        assertMessage("CVK-B has a character that is not a hex digit at position 16; expected 16 hex digits",
            "0123456789ABCDEF", "FEDCBA987654321G");
        assertMessage("CVK-A has a character that is not a hex digit at position 1; expected 16 hex digits",
            "\uFF10123456789ABCDEF".substring(0, 16), "FEDCBA9876543210");
        assertMessage("CVK-A and CVK-B are the same DES key; they must differ", "0123456789ABCDEF", "0123456789abcdef");
        assertMessage("CVK-A and CVK-B are the same DES key; they must differ", "0123456789ABCDEF", "0123456789ABCDEE");
    }

    private static void assertMessage(String expected, String a, String b) {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> CardVerificationKeys.fromHex(a, b));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void toStringHidesTheKeys() {
        final String text = CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210").toString();
        assertFalse(text.contains("0123") || text.contains("FEDC"), text);
    }
}
