package io.tatekae.iso;

/**
 * Encodes one ISO message into a caller-supplied byte array: begin, then fields in ascending order,
 * then finish (which writes the bitmap(s)). Allocates nothing. STUB.
 */
public final class IsoWriter {
    public IsoWriter(io.tatekae.spec.ProfileSpec spec) { }

    /** Starts a message at out[off]; reserves room for MTI and both bitmaps. */
    public void begin(byte[] out, int off, int mti) { throw new UnsupportedOperationException(); }

    /** Writes a text or numeric field from ASCII bytes (length prefix added for variable fields). */
    public void bytes(int de, byte[] src, int srcOff, int len) { throw new UnsupportedOperationException(); }

    /** Writes a numeric field from a value, zero-filled to a fixed field's length. */
    public void numeric(int de, long value) { throw new UnsupportedOperationException(); }

    /** Copies a field's value from a decoded request, if present there. */
    public void echo(int de, IsoFields from) { throw new UnsupportedOperationException(); }

    /** Writes the bitmap(s) and returns the message's length in bytes. */
    public int finish() { throw new UnsupportedOperationException(); }
}
