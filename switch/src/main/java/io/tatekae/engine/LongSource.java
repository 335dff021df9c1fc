package io.tatekae.engine;

/** Where engine state is read back from as a stream of longs (a snapshot), in the order it was put. */
@FunctionalInterface
public interface LongSource {
    long next();
}
