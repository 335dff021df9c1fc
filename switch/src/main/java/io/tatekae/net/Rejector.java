package io.tatekae.net;

import io.netty.buffer.ByteBuf;

/** Answers, on the I/O thread, a request the switch cannot take in (DE 39 91): ring full or too many in flight. */
public interface Rejector {
    /**
     * Decodes the message at {@code in}'s reader index (not moved) and writes its 91 response
     * (with header) into {@code out}; returns false when no response can be formed (unreadable MTI or STAN).
     */
    boolean reject(ByteBuf in, int length, ByteBuf out);
}
