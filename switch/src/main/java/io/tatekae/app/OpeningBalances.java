package io.tatekae.app;

import io.tatekae.engine.Postings;
import io.tatekae.state.StateStore;

/**
 * Journals the outstanding amounts provisioning set (opening balances no other journal record
 * explains), so that recovery can rebuild every account's outstanding from the journal alone.
 * Take a {@link #snapshot} before loading, then {@link #journal} the accounts whose outstanding changed.
 */
final class OpeningBalances {
    private OpeningBalances() {
    }

    static long[] snapshot(StateStore store) {
        long[] outstanding = new long[store.accountCount()];
        store.forEachAccount(a -> outstanding[a.index()] = a.outstanding());
        return outstanding;
    }

    /** Records an OUTSTANDING_SET for every account whose outstanding differs from the snapshot (new ones from 0). */
    static int journal(StateStore store, Postings postings, long[] before) {
        int[] changed = {0};
        store.forEachAccount(a -> {
            long previous = a.index() < before.length ? before[a.index()] : 0;
            if (a.outstanding() != previous) {
                postings.outstandingSet(a.index(), a.outstanding(), previous);
                changed[0]++;
            }
        });
        return changed[0];
    }
}
