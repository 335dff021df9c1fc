package io.tatekae.iso;

/**
 * A decoded ISO 8583 message as a flyweight over the frame's bytes: for each present data element,
 * the offset and length of its value (after any length prefix) in {@link #buffer()}. Reused for
 * every message; decoding allocates nothing. STUB: implemented by the codec work.
 */
public final class IsoFields {
    public static final int MAX_FIELD = 128;

    /** The MTI as a number (e.g. 100 for "0100"), or -1 when it could not be read. */
    public int mti() { throw new UnsupportedOperationException(); }

    public boolean has(int de) { throw new UnsupportedOperationException(); }

    public byte[] buffer() { throw new UnsupportedOperationException(); }

    /** Offset of the field's value in {@link #buffer()}. */
    public int offset(int de) { throw new UnsupportedOperationException(); }

    /** Length of the field's value in bytes (the length prefix excluded). */
    public int length(int de) { throw new UnsupportedOperationException(); }

    /** The value of a numeric field of at most 18 digits. */
    public long numeric(int de) { throw new UnsupportedOperationException(); }

    /** The error that stopped decoding, NONE when the message is well formed. */
    public FormatError error() { throw new UnsupportedOperationException(); }

    /** The data element the error is about, 0 for the MTI/bitmap, -1 when none. */
    public int errorField() { throw new UnsupportedOperationException(); }
}
