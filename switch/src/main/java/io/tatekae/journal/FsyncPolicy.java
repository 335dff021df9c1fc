package io.tatekae.journal;

/** When {@link JournalWriter#commit()} forces written records to the storage device. */
public enum FsyncPolicy {
    /** Force on every commit: a committed record survives a power loss. The default. */
    DURABLE,
    /** Force at most every {@code fsyncIntervalMs}; a power loss may lose the last interval. */
    BATCH_MS,
    /** Never force (the OS writes back when it likes). Benchmarks and tests only. */
    NONE
}
