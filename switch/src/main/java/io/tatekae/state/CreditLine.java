package io.tatekae.state;

/** The credit formula of the issuer policy (check 15). */
public final class CreditLine {
    private CreditLine() {
    }

    /**
     * min(card limit, account credit limit) − outstanding − open holds, in yen. Negative when the
     * account is already over its line (for example after an advice approved on the issuer's behalf).
     */
    public static long availableCredit(CardState card, AccountState acct) {
        return available(card.limit(), acct.creditLimit(), acct.outstanding(), acct.openHolds());
    }

    /** The same formula over the fields themselves. */
    public static long available(long cardLimit, long accountCreditLimit, long outstanding, long openHolds) {
        return Math.min(cardLimit, accountCreditLimit) - outstanding - openHolds;
    }
}
