package io.tatekae.net;

import io.netty.buffer.ByteBuf;

import java.util.function.Supplier;

/** A connection's rejector, built (with its scratch buffers) only when the connection first needs one. */
final class LazyRejector implements Rejector {
    private final Supplier<Rejector> factory;
    private Rejector rejector;

    LazyRejector(Supplier<Rejector> factory) {
        this.factory = factory;
    }

    @Override
    public boolean reject(ByteBuf in, int length, ByteBuf out) {
        if (rejector == null) {
            rejector = factory.get();
        }
        return rejector.reject(in, length, out);
    }
}
