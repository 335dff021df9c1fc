package io.tatekae.iso;

/** Why a message could not be decoded under the profile's rules (all answered DE 39 = 30). */
public enum FormatError {
    NONE,
    /** The message ends before a field (or the MTI/bitmap) is complete. */
    TRUNCATED,
    /** Bytes remain after the last field the bitmap names. */
    TRAILING_BYTES,
    /** MTI is not 4 ASCII digits or not one this profile accepts. */
    BAD_MTI,
    /** Bit 1 announces a secondary bitmap, but it has no bit set. */
    EMPTY_SECONDARY_BITMAP,
    /** The bitmap names a field this profile does not define. */
    UNDEFINED_FIELD,
    /** A length prefix is not ASCII digits, or exceeds the field's maximum. */
    BAD_LENGTH,
    /** A numeric field holds something other than ASCII digits. */
    NON_DIGIT,
    /** A text field holds a byte outside 0x20..0x7E. */
    BAD_CHARACTER,
    /** DE 48's tag/length/value sequence does not add up. */
    BAD_TLV,
    /** A field that is mandatory for this MTI is absent. */
    MISSING_FIELD
}
