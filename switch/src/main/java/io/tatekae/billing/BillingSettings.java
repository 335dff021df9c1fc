package io.tatekae.billing;

import io.tatekae.state.CreditLimitRule;

import java.time.ZoneId;

/**
 * Billing's numbers, built once at start from configuration (billing.md defaults in parentheses):
 * the billing fee (209) unless direct debit, the PLUS plan fee (300), the due day (10), the account
 * limit (50,000) and with direct debit (100,000), the card-limit ladder, and the issuing thresholds.
 */
public record BillingSettings(long billingFeeYen, long planFeeYen, int dueDay, long creditLimitYen,
                              long directDebitCreditLimitYen, Ladder ladder, ZoneId zone, Eligibility.Rules eligibility)
        implements CreditLimitRule {

    public BillingSettings {
        if (billingFeeYen < 0 || planFeeYen < 0 || creditLimitYen < 1 || directDebitCreditLimitYen < creditLimitYen) {
            throw new IllegalArgumentException("billing settings out of range: fee " + billingFeeYen + ", plan fee "
                    + planFeeYen + ", limits " + creditLimitYen + "/" + directDebitCreditLimitYen);
        }
    }

    /**
     * The account's limit: what provisioning gave (else the configured one), raised to the direct-debit
     * limit while direct debit is registered; an account provisioned above it keeps its own.
     */
    @Override
    public long accountLimit(long baseCreditLimit, boolean directDebit) {
        long base = baseCreditLimit > 0 ? baseCreditLimit : creditLimitYen;
        return directDebit ? Math.max(base, directDebitCreditLimitYen) : base;
    }

    public BillingCalendar calendar() {
        return new BillingCalendar(zone, dueDay);
    }
}
