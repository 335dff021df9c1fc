package io.tatekae.pipeline;

import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.Decision;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.IsoFields;
import io.tatekae.net.Connection;
import io.tatekae.net.Framing;

import java.util.Arrays;

/** One preallocated ring slot: the frame's bytes, its decoded fields, the engine's request and decision. */
public final class RingEvent {
    public Connection connection;
    /** A timer tick rather than a request: no connection, no response. */
    public boolean tick;
    /** Administrative work to run on the decision thread (provisioning, payments), or null. */
    public Runnable task;
    public final byte[] frame = new byte[Framing.MAX_MESSAGE_BYTES];
    public int length;
    public long receivedNanos;
    public final IsoFields fields = new IsoFields();
    public final AuthRequest request = new AuthRequest();
    public final Decision decision = new Decision();

    /** Drops references and wipes anything sensitive once the response has been written. */
    public void release() {
        connection = null;
        tick = false;
        task = null;
        request.wipeCav2();
        if (fields.error() != FormatError.NONE) {
            // A malformed frame was never read into the request, so wipeCav2 knows no CAV2 offset.
            Arrays.fill(frame, 0, length, (byte) 0);
        }
    }
}
