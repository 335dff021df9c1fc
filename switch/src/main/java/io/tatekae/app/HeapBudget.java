package io.tatekae.app;

import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.TxnTable;
import io.tatekae.state.CardTable;

/**
 * Checks at start that the JVM's heap can hold the in-memory tables the configuration asks for, so
 * a switch never fails with an OutOfMemoryError under load: the transaction table is allocated whole
 * at start, the card and account tables grow up to their maximums as cards are provisioned.
 */
final class HeapBudget {
    /** What the rest of the switch needs beside the tables (buffers, metrics, admin work). */
    static final long HEADROOM_BYTES = 64L << 20;
    private static final long CARD_BYTES = 2 * 8 * 8 + CardTable.FORM_BYTES + 32 * 8;
    private static final long ACCOUNT_BYTES = 8 * 8 + 16 + 1;

    private HeapBudget() {
    }

    static long requiredBytes(SwitchConfig config) {
        return TxnTable.bytesFor(config.holds().maxOpenHolds())
                + (long) config.state().maxCards() * CARD_BYTES
                + (long) config.state().maxAccounts() * ACCOUNT_BYTES
                + HEADROOM_BYTES;
    }

    /** @throws IllegalStateException naming the keys to change when {@code maxHeapBytes} is too small */
    static void check(SwitchConfig config, long maxHeapBytes) {
        long required = requiredBytes(config);
        if (required > maxHeapBytes) {
            throw new IllegalStateException(String.format(
                    "the heap is too small for this configuration: holds.maxOpenHolds %,d, state.maxCards %,d and "
                            + "state.maxAccounts %,d need about %,d MB of heap, and this JVM may use %,d MB (-Xmx). "
                            + "Start the switch with a larger -Xmx (TATEKAE_JAVA_OPTS for scripts/run) or lower those keys.",
                    config.holds().maxOpenHolds(), config.state().maxCards(), config.state().maxAccounts(),
                    required >> 20, maxHeapBytes >> 20));
        }
    }
}
