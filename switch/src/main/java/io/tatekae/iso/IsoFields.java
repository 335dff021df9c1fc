package io.tatekae.iso;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoded ISO 8583 message as a flyweight over the frame's bytes: for each present data element,
 * the offset and length of its value (after any length prefix) in {@link #buffer()}. Reused for
 * every message; decoding allocates nothing. A field is present only once it has been fully
 * validated, so after an error the fields decoded before it are readable and none after it.
 */
public final class IsoFields {
    public static final int MAX_FIELD = 128;

    private final int[] offsets = new int[MAX_FIELD + 1];
    private final int[] lengths = new int[MAX_FIELD + 1];
    private long presentLow;   // DE 1..64, bit (de - 1)
    private long presentHigh;  // DE 65..128, bit (de - 65)
    private byte[] buffer;
    private int frameOffset;
    private int frameLength;
    private int mti = -1;
    private FormatError error = FormatError.NONE;
    private int errorField = -1;

    /** Forgets the previous message and points at a new frame (called by the decoder). */
    void reset(byte[] buf, int off, int len) {
        presentLow = 0;
        presentHigh = 0;
        buffer = buf;
        frameOffset = off;
        frameLength = len;
        mti = -1;
        error = FormatError.NONE;
        errorField = -1;
    }

    void mti(int value) {
        mti = value;
    }

    void put(int de, int offset, int length) {
        offsets[de] = offset;
        lengths[de] = length;
        if (de <= 64) {
            presentLow |= 1L << (de - 1);
        } else {
            presentHigh |= 1L << (de - 65);
        }
    }

    /** Records an error unless one is already recorded: the first error of a message is the one reported. */
    FormatError fail(FormatError why, int de) {
        if (error == FormatError.NONE) {
            error = why;
            errorField = de;
        }
        return error;
    }

    /**
     * Marks the message as lacking a mandatory field (callers run {@link MandatoryFields}; the
     * decoder does not). Does nothing when the message already has an error.
     */
    public FormatError failMissing(int de) {
        return error == FormatError.NONE ? fail(FormatError.MISSING_FIELD, de) : error;
    }

    /** The MTI as a number (e.g. 100 for "0100"), or -1 when it could not be read. */
    public int mti() {
        return mti;
    }

    public boolean has(int de) {
        if (de < 1 || de > MAX_FIELD) {
            return false;
        }
        return de <= 64 ? (presentLow & (1L << (de - 1))) != 0 : (presentHigh & (1L << (de - 65))) != 0;
    }

    public byte[] buffer() {
        return buffer;
    }

    /** Offset of the decoded frame (the MTI's first byte) in {@link #buffer()}. */
    public int frameOffset() {
        return frameOffset;
    }

    /** Length of the decoded frame in bytes. */
    public int frameLength() {
        return frameLength;
    }

    /** Offset of the field's value in {@link #buffer()}. */
    public int offset(int de) {
        requirePresent(de);
        return offsets[de];
    }

    /** Length of the field's value in bytes (the length prefix excluded). */
    public int length(int de) {
        requirePresent(de);
        return lengths[de];
    }

    /** The value of a numeric field of at most 18 digits. */
    public long numeric(int de) {
        return numeric(de, 0, length(de));
    }

    /** The value of digits [from, from + count) of a field (at most 18 digits, all ASCII digits). */
    public long numeric(int de, int from, int count) {
        requirePresent(de);
        if (from < 0 || count < 0 || count > 18 || from + count > lengths[de]) {
            throw new IllegalArgumentException("DE " + de + ": digits [" + from + ", " + (from + count)
                    + ") do not fit its " + lengths[de] + " bytes (18 digits at most)");
        }
        long value = 0;
        int start = offsets[de] + from;
        for (int i = start; i < start + count; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("DE " + de + " byte " + (i - offsets[de]) + " is not a digit");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** True when the field is present and bytes [from, from + count) of its value are ASCII digits. */
    public boolean isDigits(int de, int from, int count) {
        if (!has(de) || from < 0 || count < 0 || from + count > lengths[de]) {
            return false;
        }
        return Ascii.allDigits(buffer, offsets[de] + from, count);
    }

    /** The byte at position {@code index} (0-based) of a field's value. */
    public byte byteAt(int de, int index) {
        requirePresent(de);
        if (index < 0 || index >= lengths[de]) {
            throw new IndexOutOfBoundsException("DE " + de + " has " + lengths[de] + " bytes, not " + (index + 1));
        }
        return buffer[offsets[de] + index];
    }

    /** True when the field is present and its value equals the ASCII text exactly. */
    public boolean valueEquals(int de, CharSequence ascii) {
        if (!has(de) || lengths[de] != ascii.length()) {
            return false;
        }
        int off = offsets[de];
        for (int i = 0; i < ascii.length(); i++) {
            if (buffer[off + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when both messages carry the field with byte-for-byte the same value. */
    public boolean sameValue(int de, IsoFields other) {
        if (!has(de) || !other.has(de) || lengths[de] != other.lengths[de]) {
            return false;
        }
        return Arrays.equals(buffer, offsets[de], offsets[de] + lengths[de],
                other.buffer, other.offsets[de], other.offsets[de] + lengths[de]);
    }

    /**
     * The field's value as a String. Allocates: for tests and diagnostics only, and never for DE 2
     * or DE 48 in logs (PAN, CAV2).
     */
    public String valueString(int de) {
        requirePresent(de);
        return new String(buffer, offsets[de], lengths[de], StandardCharsets.US_ASCII);
    }

    /** The error that stopped decoding, NONE when the message is well formed. */
    public FormatError error() {
        return error;
    }

    /** The data element the error is about, 0 for the MTI/bitmap, -1 when none. */
    public int errorField() {
        return errorField;
    }

    private void requirePresent(int de) {
        if (!has(de)) {
            throw new IllegalStateException("DE " + de + " is not present in this message");
        }
    }
}
