package io.tatekae.iso;

/**
 * Strict decoder of one ISO message (the bytes after the 4-byte frame header). Fields decoded before
 * an error stay readable in the result (so a 30 response can echo them). STUB.
 */
public final class IsoDecoder {
    public IsoDecoder(io.tatekae.spec.ProfileSpec spec) { }

    /** Decodes buf[off, off+len) into {@code into}; returns into.error(). Allocates nothing. */
    public FormatError decode(byte[] buf, int off, int len, IsoFields into) {
        throw new UnsupportedOperationException();
    }
}
