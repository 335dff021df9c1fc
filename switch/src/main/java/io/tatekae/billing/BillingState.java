package io.tatekae.billing;

import io.tatekae.engine.AccountStanding;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.LongSink;
import io.tatekae.engine.LongSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Billing's state, kept in one place and changed only by {@link #apply(HoldEvent)} and
 * {@link #apply(BillingEvent)}: the live path applies each event right after journaling it, recovery
 * applies the journal's events in order, so both build exactly the same state (and a snapshot of it
 * could be saved and loaded). Also the {@link AccountStanding} check 4 reads: by account index, the
 * instant its oldest unpaid statement became past due, as a plain array (no allocation, no lock).
 */
public final class BillingState implements AccountStanding {
    private static final System.Logger LOG = System.getLogger(BillingState.class.getName());

    private final BillingSettings settings;
    private final BillingCalendar calendar;
    private AccountBook[] books = new AccountBook[16];
    private long[] pastDueFrom = filled(16);
    /** Issued cards by PAN key: recovery re-creates them, issuing never reuses them. */
    private final Map<CardKey, BillingEvent> issued = new HashMap<>();
    /**
     * The last few journaled limit changes per card (from, to pairs) and per account (from, to, direct
     * debit): a limit reaches the state store only after its batch commits, so at a start each is applied
     * again when the store still holds the value it changed from (a crash came in between).
     */
    private final Map<CardKey, long[]> recentCardLimits = new HashMap<>();
    private final Map<Integer, long[]> recentCreditLimits = new HashMap<>();
    static final int RECENT_CHANGES_KEPT = 4;
    /** Months an event arrived for without the statement the live path would have closed first (should not happen). */
    private final List<int[]> unrecordedCloses = new ArrayList<>();

    record CardKey(long hi, long lo) {
    }

    public BillingState(BillingSettings settings) {
        this.settings = settings;
        this.calendar = settings.calendar();
    }

    @Override
    public long pastDueFrom(int accountIndex) {
        long[] due = pastDueFrom;
        return accountIndex >= 0 && accountIndex < due.length ? due[accountIndex] : Long.MAX_VALUE;
    }

    BillingCalendar calendar() {
        return calendar;
    }

    /** The account's book, or null when billing has seen nothing of it. */
    AccountBook book(int index) {
        return index >= 0 && index < books.length ? books[index] : null;
    }

    int capacity() {
        return books.length;
    }

    /** The book to change for an event at {@code timeMillis}, created on the account's first event. */
    AccountBook bookFor(int index, long timeMillis) {
        if (index < 0) {
            throw new IllegalArgumentException("billing: account index " + index);
        }
        if (index >= books.length) {
            int size = Math.max(index + 1, books.length * 2);
            books = Arrays.copyOf(books, size);
            long[] due = Arrays.copyOf(pastDueFrom, size);
            Arrays.fill(due, pastDueFrom.length, size, Long.MAX_VALUE);
            pastDueFrom = due;
        }
        if (books[index] == null) {
            books[index] = new AccountBook(calendar.monthOf(timeMillis));
        }
        return books[index];
    }

    /** Puts back a book as it was (undo of a batch whose journal commit failed); null removes it. */
    void restore(int index, AccountBook book) {
        books[index] = book;
        refreshStanding(index);
    }

    /**
     * A posting or payment the engine journaled (captures and forced posts are purchases of the month
     * they are posted in, refunds its credits). Returns the statements a payment settled (empty otherwise).
     */
    public List<Statement> apply(HoldEvent e) {
        switch (e.kind) {
            case CAPTURED, FORCED_POST -> {
                AccountBook b = current(e.accountIndex, e.timeMillis);
                b.purchases += e.amount;
                b.purchaseCount++;
                b.purchaseYen += e.amount;
                b.points.earn(Points.pointsFor(e.amount, e.plan), e.timeMillis);
            }
            case REFUND -> {
                AccountBook b = current(e.accountIndex, e.timeMillis);
                b.refunds += e.amount;
                b.refundYen += e.amount;
                b.points.takeBack(Points.pointsFor(e.amount, e.plan), e.timeMillis);
            }
            case PAYMENT -> {
                List<Statement> settled = current(e.accountIndex, e.timeMillis).paid(e.amount, e.paidAtMillis);
                refreshStanding(e.accountIndex);
                return settled;
            }
            case OUTSTANDING_SET -> current(e.accountIndex, e.timeMillis).billedBalance += e.released;
            default -> {
            }
        }
        return List.of();
    }

    /** An event billing journaled. */
    public void apply(BillingEvent e) {
        switch (e.kind) {
            case STATEMENT_CLOSED -> closed(e);
            case POINTS_REDEEMED -> {
                AccountBook b = current(e.accountIndex, e.timeMillis);
                b.pointsPending += e.amount;
                b.points.redeemed(e.amount, e.x[0], e.timeMillis);
            }
            case CARD_LIMIT_SET -> cardLimit(e);
            case ACCOUNT_STATUS -> status(e);
            case CREDIT_LIMIT_SET -> {
                bookFor(e.accountIndex, e.timeMillis).remember(change(e, "account limit"));
                recentCreditLimits.merge(e.accountIndex, new long[] {e.previous, e.amount, e.x[1]}, BillingState::keepRecent);
            }
            case CARD_ISSUED -> {
                BillingEvent copy = new BillingEvent();
                copy(e, copy);
                issued.put(new CardKey(e.panHi, e.panLo), copy);
                bookFor(e.accountIndex, e.timeMillis).remember(new Change(e.timeMillis, "card " + e.maskedPan + " issued",
                        0, e.amount, Cause.ISSUED, ""));
            }
        }
    }

    private void closed(BillingEvent e) {
        AccountBook b = bookFor(e.accountIndex, e.timeMillis);
        int month = e.n1;
        if (month < b.openMonth) {
            LOG.log(System.Logger.Level.WARNING, () -> "billing: a second statement for " + BillingCalendar.monthText(month)
                    + " of account " + e.accountId + " ignored (the month was closed already)");
            return;
        }
        advance(e.accountIndex, b, month);
        b.closed(e.statement(calendar));
        refreshStanding(e.accountIndex);
    }

    private void cardLimit(BillingEvent e) {
        recentCardLimits.merge(new CardKey(e.panHi, e.panLo), new long[] {e.previous, e.amount}, BillingState::keepRecent);
        AccountBook b = bookFor(e.accountIndex, e.timeMillis);
        b.remember(change(e, "card " + e.maskedPan + " limit"));
        if (e.cause() == Cause.STATEMENT_PAST_DUE) {
            long[] d = Arrays.copyOf(b.dropped, b.dropped.length + 3);
            d[d.length - 3] = e.panHi;
            d[d.length - 2] = e.panLo;
            d[d.length - 1] = e.previous;
            b.dropped = d;
        }
    }

    private void status(BillingEvent e) {
        AccountBook b = bookFor(e.accountIndex, e.timeMillis);
        b.remember(change(e, "account status"));
        if (e.cause() == Cause.PROVISIONING) {
            return; // the card management system's status is its own; billing's delinquency is separate
        }
        b.delinquent = e.amount == 1;
        if (b.delinquent) {
            b.delinquencyMonth = (int) e.x[0];
            b.dropped = new long[0];
        }
    }

    private static Change change(BillingEvent e, String what) {
        return new Change(e.timeMillis, what, e.previous, e.amount, e.cause(), e.text);
    }

    /** The account's book, brought to the month of {@code timeMillis}. */
    private AccountBook current(int index, long timeMillis) {
        AccountBook b = bookFor(index, timeMillis);
        advance(index, b, calendar.monthOf(timeMillis));
        return b;
    }

    /**
     * Moves the open month up to {@code month}. The live path closes every month before it posts into a
     * later one, so here only months with nothing to bill pass; one with something to bill means the
     * journal lacks a statement the switch should have written first: it is closed now and reported.
     */
    private void advance(int index, AccountBook b, int month) {
        while (b.openMonth < month) {
            if (StatementMath.somethingToBill(b)) {
                int closing = b.openMonth;
                unrecordedCloses.add(new int[] {index, closing});
                LOG.log(System.Logger.Level.ERROR, () -> "billing: account index " + index + " has postings after "
                        + BillingCalendar.monthText(closing) + " but no statement for it in the journal; closing it now");
                Statement s = StatementMath.close(b, false, false, settings, calendar, calendar.monthEnd(closing));
                b.closed(s);
                refreshStanding(index);
            } else {
                b.passedWithoutStatement(b.openMonth);
            }
        }
    }

    /** The open month had nothing to bill: it passes (the live path calls this instead of journaling a statement). */
    void passWithoutStatement(int index) {
        AccountBook b = books[index];
        b.passedWithoutStatement(b.openMonth);
    }

    void refreshStanding(int index) {
        if (index < pastDueFrom.length) {
            AccountBook b = books[index];
            pastDueFrom[index] = b == null ? Long.MAX_VALUE : b.pastDueFrom();
        }
    }

    /** Statements recovery had to close without a journal record (account index, month); for the log and tests. */
    List<int[]> unrecordedCloses() {
        return unrecordedCloses;
    }

    Map<CardKey, BillingEvent> issuedCards() {
        return issued;
    }

    boolean wasIssued(long hi, long lo) {
        return issued.containsKey(new CardKey(hi, lo));
    }

    void forgetIssued(long hi, long lo) {
        issued.remove(new CardKey(hi, lo));
    }

    /** Appends {@code added} to {@code kept}, keeping the last {@link #RECENT_CHANGES_KEPT} changes of its width. */
    private static long[] keepRecent(long[] kept, long[] added) {
        int width = added.length;
        long[] all = Arrays.copyOf(kept, kept.length + width);
        System.arraycopy(added, 0, all, kept.length, width);
        int drop = Math.max(0, all.length - RECENT_CHANGES_KEPT * width);
        return Arrays.copyOfRange(all, drop, all.length);
    }

    Map<CardKey, long[]> recentCardLimits() {
        return recentCardLimits;
    }

    Map<Integer, long[]> recentCreditLimits() {
        return recentCreditLimits;
    }

    /** Writes everything this state holds, for a snapshot ({@link BillingSnapshot}'s layout). */
    public void exportTo(LongSink out) {
        out.put(BillingSnapshot.FORMAT);
        int books = 0;
        for (AccountBook b : this.books) {
            books += b == null ? 0 : 1;
        }
        out.put(books);
        for (int i = 0; i < this.books.length; i++) {
            if (this.books[i] != null) {
                out.put(i);
                BillingSnapshot.putBook(out, this.books[i]);
            }
        }
        out.put(issued.size());
        issued.values().forEach(e -> BillingSnapshot.putEvent(out, e));
        out.put(recentCardLimits.size());
        recentCardLimits.forEach((key, changes) -> {
            out.put(key.hi());
            out.put(key.lo());
            BillingSnapshot.putLongs(out, changes);
        });
        out.put(recentCreditLimits.size());
        recentCreditLimits.forEach((index, changes) -> {
            out.put(index);
            BillingSnapshot.putLongs(out, changes);
        });
    }

    /** Replaces this (empty) state with a snapshot's, before the journal after the snapshot is applied. */
    public void importFrom(LongSource in) {
        long format = in.next();
        if (format != BillingSnapshot.FORMAT) {
            throw new IllegalStateException("billing snapshot format " + format + ", this switch reads " + BillingSnapshot.FORMAT);
        }
        long books = in.next();
        for (long n = 0; n < books; n++) {
            int index = Math.toIntExact(in.next());
            bookFor(index, 0);
            this.books[index] = BillingSnapshot.book(in);
            refreshStanding(index);
        }
        long cards = in.next();
        for (long n = 0; n < cards; n++) {
            BillingEvent e = BillingSnapshot.event(in);
            issued.put(new CardKey(e.panHi, e.panLo), e);
        }
        long limits = in.next();
        for (long n = 0; n < limits; n++) {
            recentCardLimits.put(new CardKey(in.next(), in.next()), BillingSnapshot.longs(in));
        }
        long credit = in.next();
        for (long n = 0; n < credit; n++) {
            recentCreditLimits.put(Math.toIntExact(in.next()), BillingSnapshot.longs(in));
        }
    }

    static void copy(BillingEvent from, BillingEvent to) {
        to.clear();
        to.kind = from.kind;
        to.accountIndex = from.accountIndex;
        to.accountId = from.accountId;
        to.timeMillis = from.timeMillis;
        to.amount = from.amount;
        to.previous = from.previous;
        System.arraycopy(from.x, 0, to.x, 0, BillingEvent.X_COUNT);
        to.n1 = from.n1;
        to.n2 = from.n2;
        to.panHi = from.panHi;
        to.panLo = from.panLo;
        to.maskedPan = from.maskedPan;
        to.text = from.text;
    }

    private static long[] filled(int size) {
        long[] a = new long[size];
        Arrays.fill(a, Long.MAX_VALUE);
        return a;
    }
}
