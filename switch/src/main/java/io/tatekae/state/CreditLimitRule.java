package io.tatekae.state;

/**
 * The account credit limit that check 15 reads, from the limit an account's provisioning record gave
 * and whether it pays by direct debit (billing.md §5). Billing supplies the configured rule; without
 * it an account's limit is what provisioning gave.
 */
@FunctionalInterface
public interface CreditLimitRule {
    /**
     * @param baseCreditLimit the provisioned limit, or 0 when no record gave one
     * @return the account's limit in yen; 0 or less when none can be worked out
     */
    long accountLimit(long baseCreditLimit, boolean directDebit);

    CreditLimitRule AS_PROVISIONED = (base, directDebit) -> base;
}
