package io.tatekae.billing;

/**
 * The lines of a statement (billing.md §2), from what an account gathered in the month. Readings of
 * the rule book (docs/billing.md):
 * <ul>
 *   <li>carried over is the last statement's total less payments since: positive when earlier
 *       statements leave something unpaid, negative for a credit;</li>
 *   <li>no statement when the amount due before fees would be 0 or less and nothing unpaid is carried
 *       over (a credit alone is not billed; it waits for the next statement);</li>
 *   <li>the plan fee is charged on a statement of an account on PLUS on the closing day;</li>
 *   <li>the billing fee is charged only when the statement asks for a payment after the points the
 *       customer redeemed (a bill paid entirely with points or credit has nothing to collect);</li>
 *   <li>points are used up to the amount due; points redeemed beyond it (a refund came after the
 *       redemption) stay redeemed for the next statement.</li>
 * </ul>
 */
public final class StatementMath {
    private StatementMath() {
    }

    /** True when the open month has something to bill (a statement is issued). */
    static boolean somethingToBill(AccountBook book) {
        long carried = book.billedBalance;
        return carried > 0 || carried + book.purchases - book.refunds > 0;
    }

    /** The statement closing {@code book}'s open month, or null when there is nothing to bill. */
    static Statement close(AccountBook book, boolean plus, boolean directDebit, BillingSettings settings,
                           BillingCalendar calendar, long closedAt) {
        if (!somethingToBill(book)) {
            return null;
        }
        int month = book.openMonth;
        long carried = book.billedBalance;
        long subtotal = carried + book.purchases - book.refunds + (plus ? settings.planFeeYen() : 0);
        long billingFee = !directDebit && subtotal - book.pointsPending > 0 ? settings.billingFeeYen() : 0;
        long pointsUsed = Math.min(book.pointsPending, Math.max(0, subtotal + billingFee));
        long amountDue = Math.max(0, subtotal + billingFee - pointsUsed);
        return new Statement(month, calendar.dueDate(month), calendar.dueEnd(month), carried, book.purchases,
                book.refunds, plus ? settings.planFeeYen() : 0, billingFee, pointsUsed, amountDue, closedAt);
    }

    /**
     * How many more points the open month's statement can take now: what would be left to pay before
     * the billing fee (paying all of it with points takes the fee away too). 0 when nothing would be billed.
     */
    static long redeemable(AccountBook book, boolean plus, BillingSettings settings) {
        if (!somethingToBill(book)) {
            return 0;
        }
        long subtotal = book.billedBalance + book.purchases - book.refunds + (plus ? settings.planFeeYen() : 0);
        return Math.max(0, subtotal - book.pointsPending);
    }
}
