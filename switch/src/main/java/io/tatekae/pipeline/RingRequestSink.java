package io.tatekae.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.netty.buffer.ByteBuf;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.net.Connection;
import io.tatekae.net.RequestSink;
import io.tatekae.spec.ProfileSpec;

/** The I/O thread's side of the ring: claim a slot, copy the frame in, decode it there, publish. */
final class RingRequestSink implements RequestSink {
    private final RingBuffer<RingEvent> ring;
    /** One per I/O thread: the decoder keeps cursors between calls. */
    private final ThreadLocal<InboundDecoder> decoders;

    RingRequestSink(RingBuffer<RingEvent> ring, ProfileSpec spec) {
        this.ring = ring;
        this.decoders = ThreadLocal.withInitial(() -> new InboundDecoder(spec));
    }

    @Override
    public boolean offer(Connection connection, ByteBuf in, int length, long receivedNanos) {
        long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return false;
        }
        RingEvent e = ring.get(seq);
        try {
            e.connection = connection;
            e.receivedNanos = receivedNanos;
            e.length = length;
            in.getBytes(in.readerIndex(), e.frame, 0, length);
            decoders.get().decode(e.frame, length, e.fields, e.request);
        } finally {
            ring.publish(seq);
        }
        return true;
    }
}
