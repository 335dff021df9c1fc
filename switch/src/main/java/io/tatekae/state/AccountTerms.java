package io.tatekae.state;

/**
 * What billing knows about an account beyond what the decision checks read (billing.md §3, §5, §6):
 * whether it pays by direct debit, the credit limit its provisioning record gave (before direct debit
 * raises it), and the history of the issuer's other payment products that counts towards issuing a
 * card. A mutable, reusable holder kept apart from {@link AccountState}, so the hot record stays small.
 */
public final class AccountTerms {
    /** Bounds for the history counters (provisioning validates against them). */
    public static final int MAX_HISTORY_COUNT = 1_000_000;
    public static final long MAX_HISTORY_YEN = 10_000_000_000L;

    private int index = -1;
    private boolean directDebit;
    private long baseCreditLimit;
    private int statementsClosed;
    private int statementsLate;
    private int purchases;
    private long purchaseYen;

    public int index() {
        return index;
    }

    public AccountTerms index(int index) {
        this.index = index;
        return this;
    }

    public boolean directDebit() {
        return directDebit;
    }

    public AccountTerms directDebit(boolean registered) {
        this.directDebit = registered;
        return this;
    }

    /** The account's credit limit as provisioned, before direct debit; 0 when the record gave none (the configured default applies). */
    public long baseCreditLimit() {
        return baseCreditLimit;
    }

    public AccountTerms baseCreditLimit(long yen) {
        this.baseCreditLimit = yen;
        return this;
    }

    /** Statements the issuer's other products closed for this customer (provisioning's {@code history}). */
    public int statementsClosed() {
        return statementsClosed;
    }

    public int statementsLate() {
        return statementsLate;
    }

    public int purchases() {
        return purchases;
    }

    public long purchaseYen() {
        return purchaseYen;
    }

    public AccountTerms history(int closed, int late, int purchaseCount, long yen) {
        this.statementsClosed = closed;
        this.statementsLate = late;
        this.purchases = purchaseCount;
        this.purchaseYen = yen;
        return this;
    }

    /** Back to an account nobody said anything about: no direct debit, no base limit, no history. */
    public AccountTerms reset(int index) {
        this.index = index;
        directDebit = false;
        baseCreditLimit = 0;
        return history(0, 0, 0, 0);
    }

    public AccountTerms copyFrom(AccountTerms o) {
        index = o.index;
        directDebit = o.directDebit;
        baseCreditLimit = o.baseCreditLimit;
        return history(o.statementsClosed, o.statementsLate, o.purchases, o.purchaseYen);
    }

    public boolean sameAs(AccountTerms o) {
        return index == o.index && directDebit == o.directDebit && baseCreditLimit == o.baseCreditLimit
                && statementsClosed == o.statementsClosed && statementsLate == o.statementsLate
                && purchases == o.purchases && purchaseYen == o.purchaseYen;
    }

    @Override
    public String toString() {
        return "AccountTerms[#" + index + " directDebit=" + directDebit + " baseLimit=" + baseCreditLimit
                + " history=" + statementsClosed + "/" + statementsLate + "/" + purchases + "/" + purchaseYen + "]";
    }
}
