package io.tatekae.engine.cav2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Cav2CalculatorTest {
    private static final CardVerificationKeys TEST_KEYS =
        CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210");
    private static final byte[] SAMPLE_PAN = ascii("3540990000001007");

    private final Cav2Calculator calculator = new Cav2Calculator(TEST_KEYS);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private int compute(String pan, int expiry, int serviceCode) {
        final byte[] bytes = ascii(pan);
        return calculator.compute(bytes, 0, bytes.length, expiry, serviceCode);
    }

    @Test
    void profileCheckValues() {
        assertEquals(561, compute("4123456789012345", 8701, 101));
        assertEquals(245, compute("4999988887777000", 9105, 111));
    }

    @Test
    void sampleFramesCardHasCav2Of394() {
        assertEquals(394, compute("3540990000001007", 3012, Cav2Calculator.CAV2_SERVICE_CODE));
    }

    @Test
    void everyInputChangesTheValue() {
        final Cav2Calculator otherB = new Cav2Calculator(
            CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543230"));
        final Cav2Calculator otherA = new Cav2Calculator(
            CardVerificationKeys.fromHex("0123456789ABCDAF", "FEDCBA9876543210"));
        assertTrue(otherB.compute(SAMPLE_PAN, 0, 16, 3012, 0) != 394, "CVK-B ignored");
        assertTrue(otherA.compute(SAMPLE_PAN, 0, 16, 3012, 0) != 394, "CVK-A ignored");
        assertTrue(compute("3540990000001007", 3011, 0) != 394, "expiry ignored");
        assertTrue(compute("3540990000001015", 3012, 0) != 394, "PAN ignored");
        assertTrue(compute("3540990000001007", 3012, 101) != 394, "service code ignored");
    }

    @Test
    void verifiesTheRightDigitsInsideALargerBuffer() {
        final byte[] frame = ascii("xx3540990000001007yy");
        final byte[] tag92 = ascii("9203394");
        assertTrue(calculator.verify(frame, 2, 16, 3012, tag92, 4, 3));
        assertTrue(calculator.verify(SAMPLE_PAN, 0, 16, 3012, ascii("394"), 0, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"395", "393", "494", "294", "934", "000", "999", "39", "3940", "", "39A", " 394",
        "3 4", "39:", "39/", "+94", "-94"})
    void rejectsWrongDigitsLengthsAndNonDigits(String cav2) {
        final byte[] typed = ascii(cav2);
        assertFalse(calculator.verify(SAMPLE_PAN, 0, SAMPLE_PAN.length, 3012, typed, 0, typed.length));
    }

    @Test
    void rejectsTheRightDigitsForAnotherExpiryOrCard() {
        final byte[] cav2 = ascii("394");
        assertFalse(calculator.verify(SAMPLE_PAN, 0, 16, 3011, cav2, 0, 3));
        final byte[] otherPan = ascii("3540990000001015");
        assertFalse(calculator.verify(otherPan, 0, 16, 3012, cav2, 0, 3));
    }

    @Test
    void badPanOrExpiryIsRefusedWithoutShowingThePan() {
        final IllegalArgumentException letter = assertThrows(IllegalArgumentException.class,
            () -> compute("35409900000010X7", 3012, 0));
        assertEquals("PAN has a byte that is not an ASCII digit at position 15", letter.getMessage());
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> compute("35409900000010070000", 3012, 0));
        assertEquals("PAN has 20 digits; expected 12 to 19", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> compute("3540990000001007", 3013, 0));
        assertThrows(IllegalArgumentException.class, () -> compute("3540990000001007", 3012, 1000));
    }

    @Test
    void verifyAllocatesNothing() {
        final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        final byte[] right = ascii("394");
        final byte[] wrong = ascii("395");
        int approved = 0;
        for (int i = 0; i < 20_000; i++) {
            approved += calculator.verify(SAMPLE_PAN, 0, 16, 3012, (i & 1) == 0 ? right : wrong, 0, 3) ? 1 : 0;
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50_000; i++) {
            approved += calculator.verify(SAMPLE_PAN, 0, 16, 3012, (i & 1) == 0 ? right : wrong, 0, 3) ? 1 : 0;
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(35_000, approved);
        assertTrue(allocated < 1_000, "verify allocated " + allocated + " bytes over 50,000 calls");
    }
}
