package io.tatekae.billing;

import io.tatekae.engine.HoldEvent;
import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountTerms;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The customer's month on the decision thread (billing.md §1–5, §7). Every change is journaled as a
 * {@link BillingEvent}, then applied to the {@link BillingState}; the batch's changes are taken back
 * when the journal commit fails. Months close by the clock, per account, lazily: before anything is
 * posted to an account in a later month, its earlier months are closed first, so a posting at 00:00:00.3
 * on the 1st belongs to the new month whenever the sweep runs, and the sweep ({@link #closeDue}) only
 * makes sure that every account gets its statement. Allocation is fine here: this is admin work.
 */
public final class Billing {
    private final BillingSettings settings;
    private final BillingState state;
    private final BillingCalendar calendar;
    private final StateStore store;
    private final BillingLog log;
    private final CardIndex cards;
    private final BillingBatch batch = new BillingBatch();
    private final CreditLines creditLines;
    private final BillingEvent event = new BillingEvent();
    private final AccountState account = new AccountState();
    private final AccountTerms terms = new AccountTerms();
    /** (instant an account becomes past due, account index), for recording the status change and the drop. */
    private final PriorityQueue<long[]> pastDue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private int sweepCursor;
    /** The month for which the last sweep finished: every account's earlier months are closed. */
    private int sweptFor;
    /** When periodic work may next have something to do (read by the timer thread, so it rarely bothers the ring). */
    private volatile long nextWorkAt = Long.MIN_VALUE;

    public Billing(BillingSettings settings, BillingState state, StateStore store, BillingLog log, CardIndex cards) {
        this.settings = settings;
        this.state = state;
        this.calendar = state.calendar();
        this.store = store;
        this.log = log;
        this.cards = cards;
        this.creditLines = new CreditLines(this, settings.ladder(), store, cards);
    }

    public BillingState state() {
        return state;
    }

    public BillingSettings settings() {
        return settings;
    }

    public CardIndex cards() {
        return cards;
    }

    public BillingCalendar calendar() {
        return calendar;
    }

    /** After recovery: queues every account with a statement to watch for its due date. */
    public void start() {
        for (int i = 0; i < state.capacity(); i++) {
            watch(i);
        }
    }

    // ---- the engine's postings, as they are journaled (see the app's billing money log) ----

    /** Before a posting is journaled: closes the account's months before the posting's own. */
    public void beforePosting(HoldEvent e) {
        if (isPosting(e.kind)) {
            closeThrough(e.accountIndex, BillingCalendar.previous(calendar.monthOf(e.timeMillis)), e.timeMillis);
        }
    }

    /** After a posting is journaled: applies it; a payment may settle statements, make the account GOOD, move cards up. */
    public void afterPosting(HoldEvent e) {
        if (!isPosting(e.kind)) {
            return;
        }
        batch.touch(state, e.accountIndex);
        List<Statement> settled = state.apply(e);
        if (e.kind == HoldEvent.Kind.PAYMENT) {
            creditLines.afterPayment(e.accountIndex, settled, e.holdId, reference(e), e.timeMillis);
            watch(e.accountIndex);
        }
    }

    private static boolean isPosting(HoldEvent.Kind kind) {
        return switch (kind) {
            case CAPTURED, FORCED_POST, REFUND, PAYMENT, OUTSTANDING_SET -> true;
            default -> false;
        };
    }

    private static String reference(HoldEvent e) {
        return new String(e.reference, 0, e.referenceLength, StandardCharsets.US_ASCII);
    }

    /** The journal made the batch durable: the store changes that waited for it are made. */
    public void committed() {
        if (!batch.isEmpty()) {
            batch.committed();
        }
    }

    /** The journal could not commit the batch: billing goes back to what it was before the batch. */
    public void failed() {
        if (!batch.isEmpty()) {
            batch.failed(state);
            sweptFor = 0; // the sweep may have closed months that are open again: it looks again
            sweepCursor = 0;
            nextWorkAt = Long.MIN_VALUE;
        }
    }

    // ---- months ----

    /**
     * Closes every month before {@code month} of {@code now} for the accounts that still have one open, up
     * to {@code budget} accounts per call (so that requests keep flowing). Returns how many accounts the
     * sweep has still to look at (0: every month before the current one is closed).
     */
    public int closeDue(long now, int budget) {
        int month = calendar.monthOf(now);
        if (month == sweptFor) {
            return 0;
        }
        int last = BillingCalendar.previous(month);
        int visited = 0;
        while (sweepCursor < state.capacity() && visited < budget) {
            AccountBook b = state.book(sweepCursor);
            if (b != null && b.openMonth <= last) {
                closeThrough(sweepCursor, last, now);
                visited++;
            }
            sweepCursor++;
        }
        if (sweepCursor >= state.capacity()) {
            sweepCursor = 0;
            sweptFor = month;
            return 0;
        }
        return state.capacity() - sweepCursor;
    }

    /** Closes the account's open months up to and including {@code lastMonth}, in order. */
    void closeThrough(int index, int lastMonth, long now) {
        AccountBook b = state.book(index);
        if (b == null || b.openMonth > lastMonth) {
            return;
        }
        batch.touch(state, index);
        readAccount(index);
        boolean directDebit = store.readTerms(index, terms) && terms.directDebit();
        while (b.openMonth <= lastMonth) {
            Statement s = StatementMath.close(b, account.plan() == AccountPlan.PLUS, directDebit, settings, calendar, now);
            if (s == null) {
                state.passWithoutStatement(index);
                continue;
            }
            journal(event.statementClosed(index, account.id().asString(), now, s));
            addOwed(index, s.fees());
            watch(index);
            creditLines.afterClose(index, s, now);
        }
    }

    /**
     * Records every account whose bill became past due by {@code now} (status, first rung), up to
     * {@code budget} of them and ten times as many looks at the queue (most entries are statements paid
     * since). Returns how many it recorded; {@link #pastDueWaiting} says whether more are due.
     */
    public int recordPastDue(long now, int budget) {
        int done = 0;
        int looked = 0;
        while (!pastDue.isEmpty() && pastDue.peek()[0] <= now && done < budget && looked++ < 10 * budget) {
            int index = (int) pastDue.poll()[1];
            AccountBook b = state.book(index);
            if (b != null && !b.delinquent && b.pastDueFrom() <= now) {
                batch.touch(state, index);
                creditLines.becameDelinquent(index, b.oldestUnpaid(), now);
                done++;
            }
        }
        return done;
    }

    /** True when accounts whose due date passed by {@code now} are still to be looked at. */
    public boolean pastDueWaiting(long now) {
        return !pastDue.isEmpty() && pastDue.peek()[0] <= now;
    }

    /** Watches the account's oldest unpaid statement for its due date. */
    private void watch(int index) {
        long from = state.pastDueFrom(index);
        if (from != Long.MAX_VALUE) {
            pastDue.add(new long[] {from, index});
            if (from < nextWorkAt) {
                nextWorkAt = from;
            }
        }
    }

    /**
     * After periodic work at {@code now}: when there will be more to do (now, when {@code more}; else at
     * the next month boundary or the next due date to pass, whichever comes first).
     */
    public void planNextWork(long now, boolean more) {
        if (more) {
            nextWorkAt = now;
            return;
        }
        long next = calendar.monthEnd(calendar.monthOf(now));
        long[] head = pastDue.peek();
        nextWorkAt = head == null ? next : Math.min(next, head[0]);
    }

    /** The instant from which {@link #closeDue} or {@link #recordPastDue} may have work; any thread may read it. */
    public long nextWorkAt() {
        return nextWorkAt;
    }

    // ---- points, direct debit ----

    /** The outcome of a redemption: points taken, the statement month they go to, points left; or why none. */
    public record Redemption(long redeemed, int statementMonth, long pointsLeft, String refusal) {
    }

    /**
     * Redeems up to {@code points} against the open month's statement (billing.md §7): refused when the
     * account has fewer points, or when that statement would have nothing to pay; capped at what it would ask.
     */
    public Redemption redeem(int index, long points, long now) {
        closeThrough(index, BillingCalendar.previous(calendar.monthOf(now)), now);
        AccountBook b = state.book(index);
        long balance = b == null ? 0 : b.points.balance(now);
        if (points > balance) {
            return new Redemption(0, calendar.monthOf(now), balance, "the account has " + balance + " points, fewer than "
                    + points);
        }
        readAccount(index);
        long cap = StatementMath.redeemable(b, account.plan() == AccountPlan.PLUS, settings);
        if (cap == 0) {
            return new Redemption(0, b.openMonth, balance, "nothing to bill on the " + BillingCalendar.monthText(b.openMonth)
                    + " statement to redeem points against");
        }
        long take = Math.min(points, cap);
        batch.touch(state, index);
        long[] parts = b.points.planRedemption(take, now);
        for (int i = 0; i < parts.length; i += 2) {
            journal(event.pointsRedeemed(index, account.id().asString(), now, parts[i], parts[i + 1], b.openMonth));
        }
        addOwed(index, -take);
        return new Redemption(take, b.openMonth, b.points.balance(now), null);
    }

    /** Registers or removes direct debit; false when it already was so. The new limit is stored once the journal commits. */
    public boolean directDebit(int index, boolean registered, long now) {
        return creditLines.directDebit(index, registered, now);
    }

    // ---- provisioning ----

    /** Provisioning changed the account's limit or status (fromStatus -1: the account is new): recorded with that cause. */
    public void provisionedAccount(int index, String id, long fromLimit, long toLimit, int fromStatus, int toStatus, long now) {
        if (fromStatus < 0 || (fromLimit == toLimit && fromStatus == toStatus)) {
            return;
        }
        batch.touch(state, index);
        if (fromLimit != toLimit) {
            boolean directDebit = store.readTerms(index, terms) && terms.directDebit();
            journal(event.creditLimitSet(index, id, now, fromLimit, toLimit, directDebit, Cause.PROVISIONING, 0,
                    "provisioning"));
        }
        if (fromStatus != toStatus) {
            journal(event.accountStatus(index, id, now, fromStatus, toStatus, Cause.PROVISIONING, 0, "provisioning"));
        }
    }

    /** Provisioning wrote a card ({@code from} -1: a new one): billing learns its account; a limit it changed is recorded. */
    public void provisionedCard(int index, long hi, long lo, String maskedPan, long from, long to, long now) {
        cards.put(index, hi, lo);
        if (from >= 0 && from != to) {
            batch.touch(state, index);
            journal(event.cardLimitSet(index, readAccount(index).id().asString(), now, hi, lo, maskedPan, from, to,
                    Cause.PROVISIONING, 0, "provisioning"));
        }
    }

    // ---- issuing ----

    /**
     * Journals a card just issued and stores it PENDING at once (so its PAN is taken even if the batch
     * fails); it becomes ACTIVE once the journal commits. A failed batch closes it for good instead.
     */
    public void cardIssued(CardState card, String accountId, long now) {
        int index = card.accountIndex();
        long hi = card.panKey().hi();
        long lo = card.panKey().lo();
        long limit = card.limit();
        batch.touch(state, index);
        store.writeCard(card.status(CardStatus.PENDING));
        journal(event.cardIssued(index, accountId, now, hi, lo, card.maskedPan().asString(), limit, card.expiryYymm(),
                card.name().asString()));
        cards.put(index, hi, lo);
        batch.afterCommit(() -> setStatus(hi, lo, CardStatus.ACTIVE));
        batch.undo(() -> {
            state.forgetIssued(hi, lo);
            cards.remove(index, hi, lo);
            setStatus(hi, lo, CardStatus.CLOSED);
        });
    }

    private void setStatus(long hi, long lo, CardStatus status) {
        CardState c = new CardState();
        if (store.readCard(new PanKey().set(hi, lo), c)) {
            store.writeCard(c.status(status));
        }
    }

    /** True when a card with this PAN key was ever issued (a PAN is never issued twice). */
    public boolean issuedBefore(long panHi, long panLo) {
        return state.wasIssued(panHi, panLo);
    }

    // ---- shared with CreditLines and the issuing code ----

    void journal(BillingEvent e) {
        log.record(e);
        state.apply(e);
    }

    BillingEvent event() {
        return event;
    }

    BillingBatch batch() {
        return batch;
    }

    AccountState readAccount(int index) {
        if (!store.readAccount(index, account)) {
            throw new IllegalStateException("billing: no account at index " + index);
        }
        return account;
    }

    /** What the account owes changes by {@code delta} at once (fees, redeemed points); taken back if the batch fails. */
    private void addOwed(int index, long delta) {
        if (delta == 0) {
            return;
        }
        changeOwed(index, delta);
        batch.undo(() -> changeOwed(index, -delta));
    }

    private void changeOwed(int index, long delta) {
        AccountState a = new AccountState();
        if (store.readAccount(index, a)) {
            store.writeAccount(a.outstanding(a.outstanding() + delta));
        }
    }
}
