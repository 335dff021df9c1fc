package io.tatekae.net;

import io.netty.buffer.ByteBuf;

/** Where the I/O thread hands each complete frame: the ring. */
public interface RequestSink {
    /**
     * Copies {@code length} message bytes from {@code in}'s reader index (not moved) into the next
     * ring slot and publishes it. Returns false, having taken nothing, when the ring is full.
     */
    boolean offer(Connection connection, ByteBuf in, int length, long receivedNanos);
}
