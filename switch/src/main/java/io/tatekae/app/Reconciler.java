package io.tatekae.app;

import io.tatekae.ledger.AccountBalance;
import io.tatekae.state.StateStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the switch's view of every account (open holds in the state store, which the engine
 * keeps in step with memory) with the ledger's, once the poster has caught up. None expected.
 */
public final class Reconciler {
    /** One account whose open holds differ. */
    public record Difference(String accountId, long switchOpenHolds, long ledgerOpenHolds) {
        @Override
        public String toString() {
            return accountId + ": switch holds " + switchOpenHolds + " yen open, ledger " + ledgerOpenHolds;
        }
    }

    private Reconciler() {
    }

    /**
     * Every account whose open holds differ between the state store and the ledger's balances (read
     * beforehand, off the decision thread: in run-to-completion mode that thread is the network's).
     */
    public static List<Difference> compare(StateStore store, List<AccountBalance> balances) {
        Map<String, Long> ledgerHolds = new HashMap<>();
        for (AccountBalance b : balances) {
            ledgerHolds.put(b.accountId(), b.openHolds());
        }
        List<Difference> differences = new ArrayList<>();
        store.forEachAccount(a -> {
            String id = a.id().asString();
            long inLedger = ledgerHolds.getOrDefault(id, 0L);
            if (inLedger != a.openHolds()) {
                differences.add(new Difference(id, a.openHolds(), inLedger));
            }
            ledgerHolds.remove(id);
        });
        ledgerHolds.forEach((id, holds) -> {
            if (holds != 0) {
                differences.add(new Difference(id, 0, holds));
            }
        });
        return differences;
    }

    /** The report a person reads: the count, then one line per difference. */
    public static String describe(List<Difference> differences, int accounts) {
        StringBuilder b = new StringBuilder("reconciled " + accounts + " accounts: " + differences.size() + " differences\n");
        differences.forEach(d -> b.append(d).append('\n'));
        return b.toString();
    }
}
