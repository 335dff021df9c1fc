package io.tatekae.bench.load;

/** What a run sends: request number i, built into a frame with the answer it must get. */
interface RequestSource {
    /** Writes request {@code i} with this DE 7 and DE 11 into {@code out}, fills {@code built}; returns its length. */
    int build(long i, long de7, int stan, byte[] out, Built built);

    /** Request {@code i} timed out or was answered 91: it did not happen, or may not have (any thread). */
    default void unanswered(long i) {
    }

    /** What the last build produced. */
    final class Built {
        Mix.Kind kind;
        int expectedCode;
        int expectedMti;
        /** The approving card the request names, or -1. */
        int card;
    }
}
