package io.tatekae.iso;

import io.tatekae.spec.FieldType;
import io.tatekae.spec.ProfileSpec;

/**
 * Strict decoder of one ISO message (the bytes after the 4-byte frame header). Fields decoded before
 * an error stay readable in the result (so a 30 response can echo them). Decoding stops at the first
 * error; every byte must be consumed. Allocates nothing.
 */
public final class IsoDecoder {
    /** Tag of the DE whose value is TLV (profile §5). */
    static final int DE_TLV = 48;
    /** DE 95 (an42): positions 1-12 are the new amount, so they must be digits (profile §4). */
    static final int DE_REPLACEMENT_AMOUNTS = 95;
    static final int REPLACEMENT_AMOUNT_DIGITS = 12;

    private final FieldType[] types = new FieldType[IsoFields.MAX_FIELD + 1];
    private final int[] maxLengths = new int[IsoFields.MAX_FIELD + 1];

    public IsoDecoder(ProfileSpec spec) {
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            types[de] = spec.type(de);
            maxLengths[de] = spec.maxLength(de);
        }
    }

    /** Decodes buf[off, off+len) into {@code into}; returns into.error(). Allocates nothing. */
    public FormatError decode(byte[] buf, int off, int len, IsoFields into) {
        into.reset(buf, off, len);
        int end = off + len;
        if (len < 4) {
            return into.fail(FormatError.TRUNCATED, 0);
        }
        int mti = Ascii.digits(buf, off, 4);
        if (mti < 0) {
            return into.fail(FormatError.BAD_MTI, 0);
        }
        into.mti(mti);
        // An MTI outside the profile is still decoded with the profile's layout, so that a request
        // such as an 0200 can be answered "unsupported MTI" (12) with its DE 11; BAD_MTI comes last.
        boolean unsupported = !Mti.isProfileMti(mti);
        int pos = off + 4;
        if (end - pos < 8) {
            return into.fail(FormatError.TRUNCATED, 0);
        }
        long primary = Ascii.readLong(buf, pos);
        pos += 8;
        long secondary = 0;
        if (primary < 0) { // bit 1: a secondary bitmap follows
            if (end - pos < 8) {
                return into.fail(FormatError.TRUNCATED, 0);
            }
            secondary = Ascii.readLong(buf, pos);
            pos += 8;
            if (secondary == 0) {
                // A secondary bitmap naming no field is not the profile's layout (it would not
                // re-encode to the same bytes). Its extent is known, so decoding goes on and the
                // request is still answered 30 with its DE 11.
                into.fail(FormatError.EMPTY_SECONDARY_BITMAP, 1);
            }
        }
        pos = decodeFields(buf, pos, end, primary << 1, 2, into);
        if (pos < 0) {
            return into.error();
        }
        pos = decodeFields(buf, pos, end, secondary, 65, into);
        if (pos < 0) {
            return into.error();
        }
        if (into.error() != FormatError.NONE) {
            return into.error();
        }
        if (pos != end) {
            return into.fail(FormatError.TRAILING_BYTES, -1);
        }
        return unsupported ? into.fail(FormatError.BAD_MTI, 0) : FormatError.NONE;
    }

    /**
     * Decodes the fields whose bits are set in {@code bits} (most significant bit = {@code firstDe});
     * returns the position after the last one, or -1 after recording an error.
     */
    private int decodeFields(byte[] buf, int pos, int end, long bits, int firstDe, IsoFields into) {
        long remaining = bits;
        while (remaining != 0) {
            int de = firstDe + Long.numberOfLeadingZeros(remaining);
            remaining &= ~(Long.MIN_VALUE >>> (de - firstDe));
            pos = decodeField(buf, pos, end, de, into);
            if (pos < 0) {
                return -1;
            }
        }
        return pos;
    }

    private int decodeField(byte[] buf, int pos, int end, int de, IsoFields into) {
        FieldType type = types[de];
        if (type == null) {
            into.fail(FormatError.UNDEFINED_FIELD, de);
            return -1;
        }
        int max = maxLengths[de];
        int length;
        switch (type) {
            case NUMERIC_FIXED, TEXT_FIXED -> length = max;
            case NUMERIC_LLVAR, TEXT_LLVAR, TEXT_LLLVAR -> {
                int prefix = type == FieldType.TEXT_LLLVAR ? 3 : 2;
                if (end - pos < prefix) {
                    into.fail(FormatError.TRUNCATED, de);
                    return -1;
                }
                length = Ascii.digits(buf, pos, prefix);
                if (length < 0 || length > max) {
                    into.fail(FormatError.BAD_LENGTH, de);
                    return -1;
                }
                pos += prefix;
            }
            default -> {
                into.fail(FormatError.UNDEFINED_FIELD, de);
                return -1;
            }
        }
        if (end - pos < length) {
            into.fail(FormatError.TRUNCATED, de);
            return -1;
        }
        FormatError contentError = checkContent(type, de, buf, pos, length);
        if (contentError != FormatError.NONE) {
            // The field's extent is known, so decoding goes on: the first error stands, and the
            // fields after it (DE 11 among them) stay readable for the 30 response.
            if (into.error() == FormatError.NONE) {
                into.fail(contentError, de);
            }
            return pos + length;
        }
        into.put(de, pos, length);
        return pos + length;
    }

    private static FormatError checkContent(FieldType type, int de, byte[] buf, int pos, int length) {
        boolean numeric = type == FieldType.NUMERIC_FIXED || type == FieldType.NUMERIC_LLVAR;
        if (numeric) {
            return Ascii.allDigits(buf, pos, length) ? FormatError.NONE : FormatError.NON_DIGIT;
        }
        if (!Ascii.allPrintable(buf, pos, length)) {
            return FormatError.BAD_CHARACTER;
        }
        if (de == DE_TLV && !De48Tlv.wellFormed(buf, pos, length)) {
            return FormatError.BAD_TLV;
        }
        if (de == DE_REPLACEMENT_AMOUNTS && !Ascii.allDigits(buf, pos, REPLACEMENT_AMOUNT_DIGITS)) {
            return FormatError.NON_DIGIT;
        }
        return FormatError.NONE;
    }
}
