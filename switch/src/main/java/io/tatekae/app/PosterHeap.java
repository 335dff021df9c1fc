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
    /** The poster's database driver allocates hundreds of MB/s under load, nearly all short-lived. */
    private static final long YOUNG_BYTES = 128L << 20;

    private PosterHeap() {
    }

    static long requiredBytes(SwitchConfig config) {
        return TxnTable.bytesFor(config.holds().maxOpenHolds()) + BASE_BYTES;
    }

    /**
     * {@code ledger.childHeapMb}, or (0, the default) what the configuration needs with room to spare:
     * the young generation ({@link #youngMegabytes}) on top of what stays live, and a quarter more for
     * the old generation. With only an eighth more, the old generation held the live set with ~100 MB to
     * spare and the serial collector ran a full collection of 400 MB every 3–6 s under 20,000/s.
     */
    static long megabytes(SwitchConfig config) {
        int configured = config.ledger().childHeapMb();
        long required = requiredBytes(config);
        return configured > 0 ? configured : (required + required / 4 + YOUNG_BYTES + (64L << 20)) >> 20;
    }

    /** The young generation (-Xmn): fixed, so the live set's size does not shrink it; a quarter of a small heap. */
    static long youngMegabytes(SwitchConfig config) {
        return Math.min(YOUNG_BYTES >> 20, megabytes(config) / 4);
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
