package io.tatekae.engine;

/**
 * When an account's bill became past due (billing.md §4), for check 4. Billing keeps it up to date on
 * the decision thread whenever a statement closes or a payment is applied, so the check decides by the
 * request's own time and never waits for a timer: an account is declined from the first millisecond
 * after its due date, and approved again the moment a payment covers it. Read on the hot path:
 * implementations must not allocate, block or lock.
 */
@FunctionalInterface
public interface AccountStanding {
    /** The instant (epoch ms) from which the account is past due; {@link Long#MAX_VALUE} when it owes nothing past due. */
    long pastDueFrom(int accountIndex);

    AccountStanding NONE = accountIndex -> Long.MAX_VALUE;
}
