package io.tatekae.config;

import java.util.List;

/**
 * The customer's month (billing.md §1–5, §7): fees, due day, account credit limits and the card-limit
 * ladder. Amounts in yen.
 *
 * @param dueDay             the day of the month after the billing month on which a statement is due (end of that day)
 * @param creditLimitYen     an account's credit limit when its provisioning record gives none
 * @param directDebitCreditLimitYen the account limit while direct debit is registered (at least creditLimitYen)
 * @param cardLimitLadder    card limits in ascending order; a card climbs one rung per statement paid on time
 */
public record BillingConfig(long billingFeeYen, long planFeeYen, int dueDay, long creditLimitYen,
                            long directDebitCreditLimitYen, List<Long> cardLimitLadder) {
    public static final List<Long> DEFAULT_LADDER = List.of(3_000L, 5_000L, 10_000L, 20_000L, 30_000L, 50_000L);

    public BillingConfig {
        cardLimitLadder = List.copyOf(cardLimitLadder);
    }

    public static BillingConfig defaults() {
        return new BillingConfig(209, 300, 10, 50_000, 100_000, DEFAULT_LADDER);
    }
}
