package io.tatekae.billing;

import io.tatekae.state.AccountState;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.AccountTerms;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

import java.util.ArrayList;
import java.util.List;

/**
 * What the admin surface reads about an account (billing.md §8), on the decision thread: its view,
 * whether it may be issued a card and why not, and the limit a new card would start on. Each first
 * closes the account's past months, so that a view at 00:00:01 on the 1st already shows the statement.
 */
public final class AccountViews {
    private final Billing billing;
    private final StateStore store;
    private final Eligibility.Rules rules;

    public AccountViews(Billing billing, StateStore store, Eligibility.Rules rules) {
        this.billing = billing;
        this.store = store;
        this.rules = rules;
    }

    public AccountView view(int index, long now) {
        closePastMonths(index, now);
        AccountState a = new AccountState();
        if (!store.readAccount(index, a)) {
            throw new IllegalArgumentException("no account at index " + index);
        }
        AccountTerms terms = new AccountTerms();
        store.readTerms(index, terms);
        AccountBook b = billing.state().book(index);
        long owed = a.outstanding();
        List<AccountView.CardLine> cards = new ArrayList<>();
        CardState c = new CardState();
        PanKey key = new PanKey();
        billing.cards().forEach(index, (hi, lo) -> {
            if (store.readCard(key.set(hi, lo), c)) {
                cards.add(new AccountView.CardLine(c.maskedPan().asString(), c.limit(), c.status().name(),
                        Math.min(c.limit(), a.creditLimit()) - owed - a.openHolds()));
            }
        });
        List<AccountView.StatementLine> statements = new ArrayList<>();
        if (b != null) {
            for (Statement s : b.statements) {
                statements.add(new AccountView.StatementLine(s.month(), s.carriedOver(), s.purchases(), s.refunds(),
                        s.planFee(), s.billingFee(), s.pointsUsed(), s.amountDue(), s.dueDate(), s.paid(),
                        s.state(now).name()));
            }
        }
        return new AccountView(a.id().asString(), delinquent(a, index, now) ? "DELINQUENT" : "GOOD", a.creditLimit(),
                terms.directDebit(), a.creditLimit() - owed - a.openHolds(), owed, a.openHolds(),
                b == null ? 0 : b.points.balance(now), cards, statements, b == null ? List.of() : List.copyOf(b.changes));
    }

    /** Every condition of billing.md §6 the account does not meet; empty when a card may be issued. */
    public List<String> refusals(int index, long now) {
        closePastMonths(index, now);
        AccountState a = new AccountState();
        if (!store.readAccount(index, a)) {
            throw new IllegalArgumentException("no account at index " + index);
        }
        AccountTerms history = new AccountTerms();
        store.readTerms(index, history);
        return Eligibility.refusals(rules, a, history, billing.state().book(index), delinquent(a, index, now), now);
    }

    /**
     * The limit a new card of the account starts on: the highest rung its cards are on, or, when it has
     * none, one rung per statement paid on time since its last late one; never above the account's limit.
     */
    public long newCardLimit(int index, long now) {
        Ladder ladder = billing.settings().ladder();
        AccountState a = new AccountState();
        store.readAccount(index, a);
        int[] rung = {-1};
        CardState c = new CardState();
        PanKey key = new PanKey();
        billing.cards().forEach(index, (hi, lo) -> {
            if (store.readCard(key.set(hi, lo), c) && c.status() != CardStatus.CLOSED) {
                rung[0] = Math.max(rung[0], ladder.rungOf(c.limit()));
            }
        });
        AccountBook b = billing.state().book(index);
        int climbed = rung[0] >= 0 ? rung[0] : (b == null ? 0 : b.paidOnTimeSinceLastLate(now));
        return Math.min(ladder.rung(climbed), Math.max(a.creditLimit(), ladder.first()));
    }

    private boolean delinquent(AccountState a, int index, long now) {
        return a.status() == AccountStatus.DELINQUENT || now >= billing.state().pastDueFrom(index);
    }

    private void closePastMonths(int index, long now) {
        billing.closeThrough(index, BillingCalendar.previous(billing.calendar().monthOf(now)), now);
    }
}
