package io.tatekae.pipeline;

import io.netty.buffer.ByteBuf;
import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.Decision;
import io.tatekae.engine.Outcome;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.iso.ResponseEncoder;
import io.tatekae.net.Framing;
import io.tatekae.net.Rejector;
import io.tatekae.spec.ProfileSpec;

import java.util.Arrays;

/** Answers 91 on the I/O thread for a request that cannot enter the ring. One per connection. */
final class IsoRejector implements Rejector {
    private final InboundDecoder decoder;
    private final ResponseEncoder encoder;
    private final byte[] in = new byte[Framing.MAX_MESSAGE_BYTES];
    private final byte[] out = new byte[2 * Framing.MAX_MESSAGE_BYTES];
    private final IsoFields fields = new IsoFields();
    private final AuthRequest request = new AuthRequest();
    private final Decision decision = new Decision();

    IsoRejector(ProfileSpec spec) {
        this.decoder = new InboundDecoder(spec);
        this.encoder = new ResponseEncoder(spec);
    }

    @Override
    public boolean reject(ByteBuf buf, int length, ByteBuf target) {
        buf.getBytes(buf.readerIndex(), in, 0, length);
        try {
            decoder.decode(in, length, fields, request);
            if (fields.mti() < 0 || !InboundDecoder.isRequestMti(fields.mti()) || !fields.has(11)) {
                return false;
            }
            decision.clear();
            decision.set(Outcome.UNAVAILABLE);
            int n = encoder.encode(fields, decision, out, 0);
            target.writeBytes(out, 0, n);
            return true;
        } finally {
            // Unanswerable frames may hold a PAN or CAV2 too: wipe on every path.
            request.wipeCav2();
            Arrays.fill(in, 0, length, (byte) 0);
        }
    }
}
