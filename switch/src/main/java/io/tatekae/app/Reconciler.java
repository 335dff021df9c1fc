package io.tatekae.app;

import io.tatekae.ledger.AccountBalance;
import io.tatekae.ledger.Ledger;
import io.tatekae.ledger.TotalsDifference;
import io.tatekae.state.StateStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the switch's view of every account (open holds and what it owes, in the state store, which
 * the engine keeps in step with memory) with the ledger's, once the poster has caught up, and lists the
 * ledger accounts whose totals disagree with their own rows. None expected.
 */
public final class Reconciler {
    /** One account whose open holds or owed amount differ between the switch and the ledger. */
    public record Difference(String accountId, long switchOpenHolds, long ledgerOpenHolds, long switchOwed, long ledgerOwed) {
        @Override
        public String toString() {
            List<String> what = new ArrayList<>();
            if (switchOpenHolds != ledgerOpenHolds) {
                what.add("switch holds " + switchOpenHolds + " yen open, ledger " + ledgerOpenHolds);
            }
            if (switchOwed != ledgerOwed) {
                what.add("switch says " + switchOwed + " yen owed, ledger " + ledgerOwed);
            }
            return accountId + ": " + String.join("; ", what);
        }
    }

    private Reconciler() {
    }

    /**
     * Every account whose open holds or owed amount differ between the state store and the ledger's
     * balances (read beforehand, off the decision thread: in run-to-completion mode that thread is the
     * network's).
     */
    public static List<Difference> compare(StateStore store, List<AccountBalance> balances) {
        Map<String, AccountBalance> inLedger = new HashMap<>();
        for (AccountBalance b : balances) {
            inLedger.put(b.accountId(), b);
        }
        List<Difference> differences = new ArrayList<>();
        store.forEachAccount(a -> {
            String id = a.id().asString();
            AccountBalance b = inLedger.remove(id);
            long holds = b == null ? 0 : b.openHolds();
            long owed = b == null ? 0 : b.posted();
            if (holds != a.openHolds() || owed != a.outstanding()) {
                differences.add(new Difference(id, a.openHolds(), holds, a.outstanding(), owed));
            }
        });
        inLedger.values().forEach(b -> {
            if (b.openHolds() != 0 || b.posted() != 0) {
                differences.add(new Difference(b.accountId(), 0, b.openHolds(), 0, b.posted()));
            }
        });
        return differences;
    }

    /** The report a person reads: the count, then one line per difference and per ledger totals finding. */
    public static String describe(List<Difference> differences, List<TotalsDifference> totals, int accounts) {
        StringBuilder b = new StringBuilder("reconciled " + accounts + " accounts: " + (differences.size() + totals.size())
                + " differences\n");
        differences.forEach(d -> b.append(d).append('\n'));
        totals.forEach(t -> b.append(t).append('\n'));
        if (!totals.isEmpty()) {
            b.append("the ledger's account totals disagree with its rows for ").append(totals.size())
                    .append(" accounts: POST /admin/ledger/audit has the poster repair them from the journal\n");
        }
        return b.toString();
    }
}
