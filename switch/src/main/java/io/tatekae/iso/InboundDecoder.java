package io.tatekae.iso;

import io.tatekae.engine.AuthRequest;
import io.tatekae.spec.ProfileSpec;

/**
 * Everything the I/O thread does to a frame before it enters the ring: strict decode, the per-MTI
 * mandatory-field check, and reading the engine's primitives. One instance per thread; allocates nothing.
 */
public final class InboundDecoder {
    private final IsoDecoder decoder;
    private final RequestReader reader = new RequestReader();

    public InboundDecoder(ProfileSpec spec) {
        this.decoder = new IsoDecoder(spec);
    }

    /** Decodes buf[0..length) into {@code fields} and, when it is well formed, {@code request}. */
    public FormatError decode(byte[] buf, int length, IsoFields fields, AuthRequest request) {
        FormatError error = decoder.decode(buf, 0, length, fields);
        if (error == FormatError.NONE) {
            error = MandatoryFields.apply(fields);
        }
        if (error == FormatError.NONE) {
            reader.read(fields, request);
        } else {
            request.clear();
            request.data = buf;
            request.mti = fields.mti();
        }
        return error;
    }

    /** A request MTI has an even third digit (0100, 0120, 0400, 0420, 0800); responses end in 10 or 30. */
    public static boolean isRequestMti(int mti) {
        return mti >= 0 && (mti / 10) % 2 == 0 && mti % 10 == 0;
    }
}
