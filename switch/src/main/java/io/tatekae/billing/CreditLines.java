package io.tatekae.billing;

import io.tatekae.state.AccountState;
import io.tatekae.state.AccountTerms;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

import java.util.List;

/**
 * Limits and status that follow the customer (billing.md §4, §5): the account becomes DELINQUENT when a
 * bill is past due and its cards drop to the first rung; it is GOOD again the moment payments (or a
 * later statement's credit) cover every past-due statement; each statement paid in full by its due date
 * moves its cards one rung up, never above the account's limit; direct debit raises and lowers the
 * account's limit. Every change is journaled with its cause; limits reach the store once the journal
 * commits (so a crash can never leave a limit the journal does not explain).
 */
final class CreditLines {
    static final int GOOD = 0;
    static final int DELINQUENT = 1;

    private final Billing billing;
    private final Ladder ladder;
    private final StateStore store;
    private final CardIndex cards;
    private final CardState card = new CardState();
    private final PanKey key = new PanKey();

    CreditLines(Billing billing, Ladder ladder, StateStore store, CardIndex cards) {
        this.billing = billing;
        this.ladder = ladder;
        this.store = store;
        this.cards = cards;
    }

    /** A payment settled {@code settled}: GOOD again if nothing is past due now, and a rung up for each paid on time. */
    void afterPayment(int index, List<Statement> settled, long postingId, String reference, long now) {
        AccountBook b = billing.state().book(index);
        if (b.delinquent && b.pastDueFrom() > now) {
            Statement cause = b.statement(b.delinquencyMonth);
            boolean revoked = cause != null && cause.paidOnTime();
            becameGood(index, Cause.PAYMENT, postingId, "payment " + reference, now);
            if (revoked) {
                restoreDropped(index, b, postingId, reference, now);
            }
        }
        for (Statement s : settled) {
            if (s.paidOnTime() && s.amountDue() > 0) {
                rungUp(index, s, now);
            }
        }
    }

    /** A statement closed; if its credit covered what was past due, the account is GOOD again. */
    void afterClose(int index, Statement s, long now) {
        AccountBook b = billing.state().book(index);
        if (b.delinquent && b.pastDueFrom() > now) {
            becameGood(index, Cause.CREDIT, s.month(), "statement " + BillingCalendar.monthText(s.month()), now);
        }
    }

    /** The oldest unpaid statement {@code late} passed its due date unpaid: DELINQUENT, cards to the first rung. */
    void becameDelinquent(int index, Statement late, long now) {
        AccountState a = billing.readAccount(index);
        String id = a.id().asString();
        String why = "statement " + BillingCalendar.monthText(late.month()) + " not paid by "
                + BillingCalendar.dateText(late.dueDate());
        billing.journal(billing.event().accountStatus(index, id, now, GOOD, DELINQUENT, Cause.STATEMENT_PAST_DUE,
                late.month(), why));
        cards.forEach(index, (hi, lo) -> {
            long from = limitOf(hi, lo);
            if (from > ladder.first()) {
                setCardLimit(index, id, hi, lo, from, ladder.first(), Cause.STATEMENT_PAST_DUE, late.month(), why, now);
            }
        });
    }

    private void becameGood(int index, Cause cause, long reference, String text, long now) {
        String id = billing.readAccount(index).id().asString();
        billing.journal(billing.event().accountStatus(index, id, now, DELINQUENT, GOOD, cause, reference, text));
    }

    /** A payment that arrived after the due date was made on time: the cards get back the limits the drop took. */
    private void restoreDropped(int index, AccountBook b, long postingId, String reference, long now) {
        String id = billing.readAccount(index).id().asString();
        long[] dropped = b.dropped;
        for (int i = 0; i < dropped.length; i += 3) {
            long hi = dropped[i];
            long lo = dropped[i + 1];
            long before = dropped[i + 2];
            if (limitOf(hi, lo) == ladder.first() && before > ladder.first()) {
                setCardLimit(index, id, hi, lo, ladder.first(), before, Cause.DELINQUENCY_REVOKED, postingId,
                        "payment " + reference, now);
            }
        }
    }

    private void rungUp(int index, Statement paid, long now) {
        AccountState a = billing.readAccount(index);
        String id = a.id().asString();
        long accountLimit = a.creditLimit();
        String why = "statement " + BillingCalendar.monthText(paid.month()) + " paid on time";
        cards.forEach(index, (hi, lo) -> {
            long from = limitOf(hi, lo);
            long to = Math.min(ladder.above(from), Math.max(accountLimit, from));
            if (from >= 0 && to > from) {
                setCardLimit(index, id, hi, lo, from, to, Cause.STATEMENT_PAID_ON_TIME, paid.month(), why, now);
            }
        });
    }

    /** The card's limit as this batch leaves it; -1 for a closed or unknown card (never moved). */
    private long limitOf(long hi, long lo) {
        if (!store.readCard(key.set(hi, lo), card) || card.status() == CardStatus.CLOSED) {
            return -1;
        }
        long pending = billing.batch().cardLimit(hi, lo);
        return pending >= 0 ? pending : card.limit();
    }

    private void setCardLimit(int index, String accountId, long hi, long lo, long from, long to, Cause cause,
                              long reference, String why, long now) {
        billing.journal(billing.event().cardLimitSet(index, accountId, now, hi, lo, card.maskedPan().asString(), from, to,
                cause, reference, why));
        billing.batch().cardLimit(hi, lo, to);
        billing.batch().afterCommit(() -> {
            CardState c = new CardState();
            if (store.readCard(new PanKey().set(hi, lo), c) && c.limit() == from) {
                store.writeCard(c.limit(to));
            }
        });
    }

    /** Registers or removes direct debit: the account's limit follows (billing.md §5). False when nothing changes. */
    boolean directDebit(int index, boolean registered, long now) {
        AccountTerms terms = new AccountTerms();
        boolean known = store.readTerms(index, terms);
        if (terms.directDebit() == registered) {
            return false;
        }
        AccountState a = billing.readAccount(index);
        long base = known ? terms.baseCreditLimit() : a.creditLimit(); // accounts provisioned before terms existed
        long from = a.creditLimit();
        long to = billing.settings().accountLimit(base, registered);
        billing.journal(billing.event().creditLimitSet(index, a.id().asString(), now, from, to, registered,
                Cause.DIRECT_DEBIT, 0, registered ? "direct debit registered" : "direct debit removed"));
        billing.batch().afterCommit(() -> {
            AccountTerms t = new AccountTerms();
            boolean stored = store.readTerms(index, t);
            store.writeTerms(t.index(index).directDebit(registered).baseCreditLimit(stored ? t.baseCreditLimit() : base));
            AccountState s = new AccountState();
            if (store.readAccount(index, s)) {
                store.writeAccount(s.creditLimit(to));
            }
        });
        return true;
    }
}
