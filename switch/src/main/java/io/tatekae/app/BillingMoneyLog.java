package io.tatekae.app;

import io.tatekae.billing.Billing;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.MoneyLog;

/**
 * The engine's money log with billing in step: before a posting is journaled, billing closes the
 * account's earlier months (so their statements come first in the journal); after it, billing applies
 * it; when the batch commits or fails, billing keeps or takes back what it did. Holds pass straight
 * through (one kind check: the authorization path stays allocation-free).
 */
final class BillingMoneyLog implements MoneyLog {
    private final MoneyLog delegate;
    private final Billing billing;

    BillingMoneyLog(MoneyLog delegate, Billing billing) {
        this.delegate = delegate;
        this.billing = billing;
    }

    @Override
    public void record(HoldEvent event) {
        if (!event.kind.changesOutstanding()) {
            delegate.record(event);
            return;
        }
        billing.beforePosting(event);
        delegate.record(event);
        billing.afterPosting(event);
    }

    @Override
    public boolean commit() {
        boolean ok = delegate.commit();
        if (ok) {
            billing.committed();
        } else {
            billing.failed();
        }
        return ok;
    }
}
