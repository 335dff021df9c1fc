package io.tatekae.app;

import io.tatekae.billing.Billing;
import io.tatekae.state.StateStore;

/**
 * Records, with the cause "provisioning", every account limit and status and every card limit a
 * provisioning file changed (billing.md §5: every change recorded with its cause), and tells billing
 * which cards each account now has. Take a {@link #snapshot} before loading, then {@link #journal}.
 */
final class ProvisioningChanges {
    private ProvisioningChanges() {
    }

    /** Each account's credit limit and status (as 0 GOOD / 1 DELINQUENT), by index. */
    static long[][] snapshot(StateStore store) {
        long[][] before = new long[2][store.accountCount()];
        store.forEachAccount(a -> {
            before[0][a.index()] = a.creditLimit();
            before[1][a.index()] = a.status().code();
        });
        return before;
    }

    static void journal(StateStore store, Billing billing, long[][] before, CardProvisioner provisioner, long now) {
        store.forEachAccount(a -> {
            int i = a.index();
            boolean known = i < before[0].length;
            billing.provisionedAccount(i, a.id().asString(), known ? before[0][i] : 0, a.creditLimit(),
                    known ? (int) before[1][i] : -1, a.status().code(), now);
        });
        for (CardProvisioner.WrittenCard c : provisioner.written()) {
            billing.provisionedCard(c.accountIndex(), c.panHi(), c.panLo(), c.maskedPan(), c.previousLimit(), c.limit(), now);
        }
    }
}
