package io.tatekae.app;

import io.tatekae.billing.Billing;
import io.tatekae.billing.BillingCalendar;
import io.tatekae.billing.BillingSettings;
import io.tatekae.billing.Eligibility;
import io.tatekae.billing.Ladder;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.Postings;
import io.tatekae.pipeline.SwitchPipeline;
import io.tatekae.state.StateStore;

import java.time.InstantSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs billing's clock-driven work: at start, before the switch answers, it closes every month missed
 * while the switch was down (in order, committed in chunks so that a kill in the middle loses nothing
 * and doubles nothing) and records the bills that fell past due; then, once a second, on the decision
 * thread between requests, it does the same for the months and due dates the clock passes.
 */
final class BillingDriver {
    private static final System.Logger LOG = System.getLogger(BillingDriver.class.getName());
    /** Accounts closed, or past-due statuses recorded, per decision-thread task. */
    static final int CHUNK = 500;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final Billing billing;
    private final StateStore store;
    private final Postings postings;
    private final InstantSource clock;
    private volatile boolean stopping;

    BillingDriver(Billing billing, StateStore store, Postings postings, InstantSource clock) {
        this.billing = billing;
        this.store = store;
        this.postings = postings;
        this.clock = clock;
    }

    static BillingSettings settings(SwitchConfig config) {
        return new BillingSettings(config.billing().billingFeeYen(), config.billing().planFeeYen(), config.billing().dueDay(),
                config.billing().creditLimitYen(), config.billing().directDebitCreditLimitYen(),
                new Ladder(config.billing().cardLimitLadder()), config.policy().timezone(),
                new Eligibility.Rules(config.issuance().minStatements(), config.issuance().minPurchases(),
                        config.issuance().minPurchaseYen()));
    }

    /** Before the pipeline starts (nothing else touches billing): card index, missed months, past-due bills. */
    void startUp() {
        store.forEachCard(c -> billing.cards().put(c.accountIndex(), c.panKey().hi(), c.panKey().lo()));
        billing.start();
        long now = clock.millis();
        int month = billing.calendar().monthOf(now);
        long started = System.nanoTime();
        long nextReport = 0;
        int left;
        do {
            left = billing.closeDue(now, CHUNK);
            commit("closing the months before " + BillingCalendar.monthText(month));
            if (left > 0 && System.nanoTime() - nextReport >= 0) {
                int remaining = left;
                LOG.log(System.Logger.Level.INFO, () -> "closing the months before " + BillingCalendar.monthText(month)
                        + ": " + remaining + " accounts still to look at");
                nextReport = System.nanoTime() + PROGRESS_EVERY_NANOS;
            }
        } while (left > 0);
        while (billing.pastDueWaiting(now)) {
            billing.recordPastDue(now, CHUNK);
            commit("recording past-due bills");
        }
        billing.planNextWork(now, false);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, () -> "billing ready: months before " + BillingCalendar.monthText(month)
                + " closed, past-due bills recorded, in " + millis + " ms");
    }

    private void commit(String what) {
        if (!postings.commitNow()) {
            throw new IllegalStateException("billing: the journal could not commit while " + what + "; not starting");
        }
    }

    /** Once a second: month close and past-due recording on the decision thread, a chunk per task. */
    void schedule(ScheduledExecutorService executor, SwitchPipeline pipeline) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                boolean more = clock.millis() >= billing.nextWorkAt(); // nothing due: the ring is left alone
                while (more && !stopping) {
                    more = pipeline.onDecisionThread(() -> {
                        long now = clock.millis();
                        boolean left = billing.closeDue(now, CHUNK) > 0;
                        billing.recordPastDue(now, CHUNK);
                        left |= billing.pastDueWaiting(now);
                        billing.planNextWork(now, left);
                        return left;
                    }).get(1, TimeUnit.MINUTES);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (!stopping) {
                    LOG.log(System.Logger.Level.ERROR, "billing's periodic work failed; retried in a second", e);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** No more periodic work is submitted (before the pipeline stops). */
    void stop() {
        stopping = true;
    }
}
