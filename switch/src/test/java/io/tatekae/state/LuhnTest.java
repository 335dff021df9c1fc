package io.tatekae.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void acceptsValidNumbers() {
        assertTrue(Luhn.isValid("3540000000000001"));
        assertTrue(Luhn.isValid("3540990000001001"));
        assertTrue(Luhn.isValid("4111111111111111"));
        assertTrue(Luhn.isValid("79927398713"));
    }

    @Test
    void rejectsWrongCheckDigitsAndNonDigits() {
        assertFalse(Luhn.isValid("3540990000001007"), "the sample frames' PAN has a wrong check digit");
        assertFalse(Luhn.isValid("79927398710"));
        assertFalse(Luhn.isValid("4111-1111"));
        assertFalse(Luhn.isValid(""));
    }
}
