package io.tatekae.engine.cav2;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The card verification key pair (CVK-A, CVK-B; single-length DES keys) used to compute CAV2
 * (iso8583-profile.md §6). Key bytes never leave this package, and no message or
 * {@link #toString()} shows them.
 */
public final class CardVerificationKeys {
    private static final int KEY_BYTES = 8;
    private static final int KEY_HEX_DIGITS = 2 * KEY_BYTES;
    /**
     * SHA-256 of CVK-A || CVK-B of the profile's published test keys with each byte's parity bit
     * (the low bit, which DES ignores) cleared; the keys themselves are not kept here.
     */
    private static final byte[] PUBLISHED_TEST_KEYS_SHA256 =
        hexToBytes("eac80bb1928894a5d2819b5bbb5c83e25a7160178845289e9533fcc2c59d34af");

    private final byte[] cvkA;
    private final byte[] cvkB;

    private CardVerificationKeys(byte[] cvkA, byte[] cvkB) {
        this.cvkA = cvkA;
        this.cvkB = cvkB;
    }

    /**
     * Parses the two keys, 16 hex digits each (either case).
     *
     * @throws IllegalArgumentException naming the bad key (never showing its value)
     */
    public static CardVerificationKeys fromHex(String cvkAHex, String cvkBHex) {
        final byte[] a = parseKey("CVK-A", cvkAHex);
        final byte[] b = parseKey("CVK-B", cvkBHex);
        if (MessageDigest.isEqual(withoutParity(a), withoutParity(b))) {
            throw new IllegalArgumentException("CVK-A and CVK-B are the same DES key; they must differ");
        }
        return new CardVerificationKeys(a, b);
    }

    private static byte[] parseKey(String name, String hex) {
        if (hex == null || hex.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing; expected " + KEY_HEX_DIGITS + " hex digits");
        }
        if (hex.length() != KEY_HEX_DIGITS) {
            throw new IllegalArgumentException(name + " has " + hex.length() + " characters; expected "
                + KEY_HEX_DIGITS + " hex digits");
        }
        final byte[] key = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_HEX_DIGITS; i++) {
            final int nibble = hexNibble(hex.charAt(i));
            if (nibble < 0) {
                throw new IllegalArgumentException(name + " has a character that is not a hex digit at position "
                    + (i + 1) + "; expected " + KEY_HEX_DIGITS + " hex digits");
            }
            key[i >> 1] |= (byte) (nibble << ((i & 1) == 0 ? 4 : 0));
        }
        return key;
    }

    /** ASCII hex only (Character.digit would also accept full-width and other Unicode digits). */
    private static int hexNibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /**
     * True for the profile's development keys (CVK-A 0123456789ABCDEF, CVK-B FEDCBA9876543210),
     * also when written with other parity bits (DES would treat them as the same keys).
     */
    public boolean isPublishedTestKey() {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(withoutParity(cvkA));
            sha256.update(withoutParity(cvkB));
            return MessageDigest.isEqual(sha256.digest(), PUBLISHED_TEST_KEYS_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** DES uses 56 of a key's 64 bits: keys differing only in the low bit of a byte are the same key. */
    private static byte[] withoutParity(byte[] key) {
        final byte[] stripped = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            stripped[i] = (byte) (key[i] & 0xFE);
        }
        return stripped;
    }

    /** A copy of CVK-A's bytes, for a cipher to be keyed with. */
    byte[] cvkABytes() {
        return cvkA.clone();
    }

    /** A copy of CVK-B's bytes, for a cipher to be keyed with. */
    byte[] cvkBBytes() {
        return cvkB.clone();
    }

    @Override
    public String toString() {
        return "CardVerificationKeys[redacted]";
    }

    private static byte[] hexToBytes(String hex) {
        final byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }
}
