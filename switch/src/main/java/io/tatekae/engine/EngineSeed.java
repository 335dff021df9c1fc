package io.tatekae.engine;

/** Where the engine's counters resume after a restart (recovered from the journal). */
public record EngineSeed(long nextHoldId, long nextAuthCounter) {
    public EngineSeed {
        if (nextHoldId < 1 || nextAuthCounter < 0) {
            throw new IllegalArgumentException("bad engine seed " + nextHoldId + "/" + nextAuthCounter);
        }
    }
}
