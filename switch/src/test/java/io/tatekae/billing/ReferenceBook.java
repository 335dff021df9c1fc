package io.tatekae.billing;

import java.util.ArrayList;
import java.util.List;

/**
 * A second, deliberately plain implementation of the statement rules of docs/billing.md for one
 * STANDARD account without direct debit, driven by the property test with the same events and times
 * as the switch: the oracle for every statement's lines.
 */
final class ReferenceBook {
    static final long BILLING_FEE = 209;

    record Lines(int month, long carriedOver, long purchases, long refunds, long billingFee, long pointsUsed, long amountDue) {
        long total() {
            return carriedOver + purchases - refunds + billingFee - pointsUsed;
        }
    }

    private final BillingCalendar calendar = new BillingCalendar(MutableClock.JAPAN, 10);
    private int openMonth;
    private long billed;
    private long purchases;
    private long refunds;
    private long pointsPending;
    final List<Lines> statements = new ArrayList<>();
    long paid;
    long fees;
    long redeemed;
    long posted;

    ReferenceBook(long nowMillis) {
        openMonth = calendar.monthOf(nowMillis);
    }

    long owed() {
        return billed + purchases - refunds - pointsPending;
    }

    void purchase(long now, long yen) {
        catchUp(now);
        purchases += yen;
        posted += yen;
    }

    void refund(long now, long yen) {
        catchUp(now);
        refunds += yen;
        posted -= yen;
    }

    void payment(long now, long yen) {
        catchUp(now);
        billed -= yen;
        paid += yen;
    }

    /** The points a redemption of {@code wanted} takes (0 when refused), given the balance the switch showed. */
    long redeem(long now, long wanted, long balance) {
        catchUp(now);
        if (wanted > balance || !somethingToBill()) {
            return 0;
        }
        long take = Math.min(wanted, Math.max(0, billed + purchases - refunds - pointsPending));
        pointsPending += take;
        redeemed += take;
        return take;
    }

    /** Closes every month before the one {@code now} is in. */
    void catchUp(long now) {
        int month = calendar.monthOf(now);
        while (openMonth < month) {
            close();
        }
    }

    private boolean somethingToBill() {
        return billed > 0 || billed + purchases - refunds > 0;
    }

    private void close() {
        if (somethingToBill()) {
            long subtotal = billed + purchases - refunds;
            long fee = subtotal - pointsPending > 0 ? BILLING_FEE : 0;
            long used = Math.min(pointsPending, Math.max(0, subtotal + fee));
            Lines s = new Lines(openMonth, billed, purchases, refunds, fee, used, Math.max(0, subtotal + fee - used));
            statements.add(s);
            fees += fee;
            billed = s.total();
            pointsPending -= used;
        } else {
            billed += purchases - refunds;
        }
        purchases = 0;
        refunds = 0;
        openMonth = BillingCalendar.next(openMonth);
    }
}
