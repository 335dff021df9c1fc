package io.tatekae.bench.support;

import io.tatekae.engine.AuthRequest;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.spec.ProfileSpec;

import java.util.Arrays;

/**
 * One frame decoded by the I/O thread's {@link InboundDecoder} into its own buffer, fields and request,
 * as a ring slot holds it; {@link #refresh} gives it a new key and puts back the CAV2 digits that the
 * engine wipes once checked, so the same slot can be decided again as a new request.
 */
public final class DecodedRequest {
    public final byte[] frame;
    public final IsoFields fields = new IsoFields();
    public final AuthRequest request = new AuthRequest();
    private byte[] cav2;

    public DecodedRequest(byte[] frameBytes, InboundDecoder decoder) {
        frame = frameBytes.clone();
        FormatError error = decoder.decode(frame, frame.length, fields, request);
        if (error != FormatError.NONE) {
            throw new IllegalStateException("benchmark frame does not decode: " + error + " at DE " + fields.errorField());
        }
        cav2 = request.cav2Length > 0
                ? Arrays.copyOfRange(frame, request.cav2Offset, request.cav2Offset + request.cav2Length)
                : new byte[0];
    }

    public static DecodedRequest of(byte[] frame) {
        return new DecodedRequest(frame, new InboundDecoder(ProfileSpec.load()));
    }

    /**
     * Makes the slot another card's request, as the I/O thread's decode would have: that card's PAN
     * (same length) in DE 2 and its CAV2 in DE 48 tag 92. Its name must be the slot's card's.
     */
    public DecodedRequest retarget(byte[] pan, byte[] cardCav2) {
        if (pan.length != request.panLength || cardCav2.length != cav2.length) {
            throw new IllegalArgumentException("retarget: a PAN of " + pan.length + " digits into a slot of " + request.panLength);
        }
        System.arraycopy(pan, 0, frame, request.panOffset, pan.length);
        cav2 = cardCav2;
        return this;
    }

    /** New DE 7 / DE 11 (as the primitives the engine reads) and the CAV2 back in place. */
    public AuthRequest refresh(TxnKeys keys) {
        request.stan = keys.stan();
        request.transmissionDateTime = keys.dateTime();
        if (cav2.length > 0) {
            System.arraycopy(cav2, 0, frame, request.cav2Offset, cav2.length);
        }
        return request;
    }
}
