package io.tatekae.net;

import io.netty.buffer.ByteBuf;

/**
 * Sees every message the listener takes in and every message it writes out, on the connection's
 * I/O thread (the traffic recorder). The bytes are the message after the 4-byte frame header;
 * an implementation must copy what it keeps and must not move the buffer's indexes.
 */
public interface FrameTap {
    /** No tap: the listener adds no handler and makes no call. */
    FrameTap NONE = new FrameTap() {
        @Override
        public void inbound(long connectionId, ByteBuf buf, int index, int length) {
        }

        @Override
        public void outbound(long connectionId, ByteBuf buf, int index, int length) {
        }
    };

    void inbound(long connectionId, ByteBuf buf, int index, int length);

    void outbound(long connectionId, ByteBuf buf, int index, int length);
}
