package io.tatekae.engine;

/** Where engine state is written as a stream of longs (a snapshot); the engine never sees the file. */
@FunctionalInterface
public interface LongSink {
    void put(long value);
}
