package io.tatekae.app;

import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.TxnTable;

/**
 * The heap the poster's process needs: the poster itself, and the snapshot writer's replay, whose
 * transaction table is as large as the switch's ({@code holds.maxOpenHolds}) plus its approval log.
 */
final class PosterHeap {
    /** The poster, its database driver and the approval log, beside the replay's table. */
    static final long BASE_BYTES = 192L << 20;

    private PosterHeap() {
    }

    static long requiredBytes(SwitchConfig config) {
        return TxnTable.bytesFor(config.holds().maxOpenHolds()) + BASE_BYTES;
    }

    /**
     * {@code ledger.childHeapMb}, or (0, the default) what the configuration needs with room to spare:
     * a JVM's usable heap is less than its -Xmx (a survivor space is not counted), and the collector
     * needs headroom not to run back to back.
     */
    static long megabytes(SwitchConfig config) {
        int configured = config.ledger().childHeapMb();
        long required = requiredBytes(config);
        return configured > 0 ? configured : (required + required / 8 + (32L << 20)) >> 20;
    }

    /** @throws IllegalStateException naming what to change when {@code maxHeapBytes} is too small */
    static void check(SwitchConfig config, long maxHeapBytes) {
        long required = requiredBytes(config);
        if (required > maxHeapBytes) {
            throw new IllegalStateException(String.format("the poster's heap is too small: with holds.maxOpenHolds %,d its "
                    + "snapshot replay needs about %,d MB, and this JVM may use %,d MB. Raise ledger.childHeapMb (or leave "
                    + "it 0 to size it from the configuration), or -Xmx in TATEKAE_POSTER_JAVA_OPTS for scripts/poster.",
                    config.holds().maxOpenHolds(), required >> 20, maxHeapBytes >> 20));
        }
    }
}
