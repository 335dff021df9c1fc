package io.tatekae.engine.cav2;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Computes and verifies CAV2 with the Visa CVV method (iso8583-profile.md §6): PAN, expiry YYMM
 * and service code, right-padded with 0 to 32 hex digits, split into two 8-byte blocks; DES block 1
 * under CVK-A, XOR block 2, then DES-EDE (encrypt A, decrypt B, encrypt A); decimalize and keep
 * three digits.
 * <p>
 * Reusable, single-threaded. DES runs on BouncyCastle's lightweight {@link DESEngine}, keyed once
 * (its key schedules are computed at construction), so a verification is four block operations
 * with no allocation and none of the JDK {@code Cipher}'s per-call checks and buffering, which made
 * it twice as slow (docs/benchmarks.md, CryptoChoiceBenchmark). Scratch buffers are zeroed before each call returns, and no
 * CAV2 is kept in a field.
 */
public final class Cav2Calculator {
    /** CAV2 is the CVV of service code 000. */
    public static final int CAV2_SERVICE_CODE = 0;
    public static final int MIN_PAN_DIGITS = 12;
    public static final int MAX_PAN_DIGITS = 19;
    private static final int BLOCK = 8;
    private static final int DIGITS = 3;

    private final DESEngine encryptA = new DESEngine();
    private final DESEngine decryptB = new DESEngine();
    private final byte[] input = new byte[2 * BLOCK];
    private final byte[] left = new byte[BLOCK];
    private final byte[] right = new byte[BLOCK];
    private final byte[] digits = new byte[DIGITS];

    public Cav2Calculator(CardVerificationKeys keys) {
        byte[] a = keys.cvkABytes();
        byte[] b = keys.cvkBBytes();
        try {
            encryptA.init(true, new KeyParameter(a));
            decryptB.init(false, new KeyParameter(b));
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * The CVV of pan[panOff, panOff+panLen) (ASCII digits), expiry YYMM (0..9999) and a service code
     * (0..999), as an int 0..999 whose three decimal digits, zero-padded, are the code.
     *
     * @throws IllegalArgumentException for a PAN that is not 12-19 ASCII digits, or an expiry or
     *     service code out of range (the message never shows the PAN)
     */
    public int compute(byte[] pan, int panOff, int panLen, int expiryYymm, int serviceCode) {
        try {
            computeDigits(pan, panOff, panLen, expiryYymm, serviceCode);
            return digits[0] * 100 + digits[1] * 10 + digits[2];
        } finally {
            Arrays.fill(digits, (byte) 0);
        }
    }

    /**
     * True when cav2Ascii[off, off+len) is exactly the three ASCII digits of this card's CAV2
     * (service code 000). The digits are compared in constant time; a wrong length or a non-digit
     * gives false.
     *
     * @throws IllegalArgumentException for a PAN or expiry that {@link #compute} refuses
     */
    public boolean verify(byte[] pan, int panOff, int panLen, int expiryYymm, byte[] cav2Ascii, int off, int len) {
        try {
            computeDigits(pan, panOff, panLen, expiryYymm, CAV2_SERVICE_CODE);
            if (len != DIGITS) {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < DIGITS; i++) {
                // digits[i] is 0-9, so any non-digit byte differs from it
                difference |= (cav2Ascii[off + i] - '0') ^ digits[i];
            }
            return difference == 0;
        } finally {
            Arrays.fill(digits, (byte) 0);
        }
    }

    private void computeDigits(byte[] pan, int panOff, int panLen, int expiryYymm, int serviceCode) {
        checkArguments(pan, panOff, panLen, expiryYymm, serviceCode);
        try {
            int nibble = 0;
            for (int i = 0; i < panLen; i++) {
                nibble = putNibble(nibble, pan[panOff + i] - '0');
            }
            nibble = putDecimal(nibble, expiryYymm, 1000);
            putDecimal(nibble, serviceCode, 100);
            encryptA.processBlock(input, 0, left, 0);
            for (int i = 0; i < BLOCK; i++) {
                left[i] ^= input[BLOCK + i];
            }
            encryptA.processBlock(left, 0, right, 0);
            decryptB.processBlock(right, 0, left, 0);
            encryptA.processBlock(left, 0, right, 0);
            decimalize(right);
        } finally {
            Arrays.fill(input, (byte) 0);
            Arrays.fill(left, (byte) 0);
            Arrays.fill(right, (byte) 0);
        }
    }

    /** The digits 0-9 of the 16 hex digits, left to right, then A-F as 0-5; the first three. */
    private void decimalize(byte[] block) {
        int found = 0;
        for (int pass = 0; pass < 2 && found < DIGITS; pass++) {
            for (int n = 0; n < 2 * BLOCK && found < DIGITS; n++) {
                final int value = (n & 1) == 0 ? (block[n >> 1] >> 4) & 0xF : block[n >> 1] & 0xF;
                if (pass == 0 && value < 10) {
                    digits[found++] = (byte) value;
                } else if (pass == 1 && value >= 10) {
                    digits[found++] = (byte) (value - 10);
                }
            }
        }
    }

    private int putDecimal(int nibble, int value, int highestPower) {
        for (int power = highestPower; power > 0; power /= 10) {
            nibble = putNibble(nibble, (value / power) % 10);
        }
        return nibble;
    }

    private int putNibble(int nibble, int value) {
        if ((nibble & 1) == 0) {
            input[nibble >> 1] = (byte) (value << 4);
        } else {
            input[nibble >> 1] |= (byte) value;
        }
        return nibble + 1;
    }

    private static void checkArguments(byte[] pan, int panOff, int panLen, int expiryYymm, int serviceCode) {
        if (panLen < MIN_PAN_DIGITS || panLen > MAX_PAN_DIGITS) {
            throw new IllegalArgumentException("PAN has " + panLen + " digits; expected "
                + MIN_PAN_DIGITS + " to " + MAX_PAN_DIGITS);
        }
        for (int i = 0; i < panLen; i++) {
            final byte b = pan[panOff + i];
            if (b < '0' || b > '9') {
                throw new IllegalArgumentException("PAN has a byte that is not an ASCII digit at position " + (i + 1));
            }
        }
        if (expiryYymm < 0 || expiryYymm > 9999 || expiryYymm % 100 > 12 || expiryYymm % 100 == 0) {
            throw new IllegalArgumentException("expiry " + expiryYymm + " is not YYMM with month 01-12");
        }
        if (serviceCode < 0 || serviceCode > 999) {
            throw new IllegalArgumentException("service code " + serviceCode + " is outside 000-999");
        }
    }
}
