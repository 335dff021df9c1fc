package io.tatekae.spec;

/** How a data element is laid out on the wire (profile §2). */
public enum FieldType {
    /** Fixed-length ASCII digits, right-justified and zero-filled. */
    NUMERIC_FIXED,
    /** Fixed-length ASCII text (an/ans), bytes 0x20..0x7E, left-justified and space-filled. */
    TEXT_FIXED,
    /** LLVAR of ASCII digits. */
    NUMERIC_LLVAR,
    /** LLVAR of ASCII text. */
    TEXT_LLVAR,
    /** LLLVAR of ASCII text. */
    TEXT_LLLVAR,
    /** 8-byte binary bitmap (DE 1 is the secondary bitmap). */
    BITMAP
}
