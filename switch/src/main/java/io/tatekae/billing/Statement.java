package io.tatekae.billing;

/**
 * One closed month of one account (billing.md §2). The lines never change once closed; what changes is
 * how much of it is still to pay. Statements carry over: each one's amount due includes what earlier
 * ones still leave unpaid, so a payment lowers what is left of every open statement at once, and the
 * unpaid ones are always the newest few.
 */
public final class Statement {
    public enum State { OPEN, PAID, LATE }

    private final int month;
    private final int dueDate;
    private final long dueEnd;
    private final long carriedOver;
    private final long purchases;
    private final long refunds;
    private final long planFee;
    private final long billingFee;
    private final long pointsUsed;
    private final long amountDue;
    private final long closedAt;
    private long remaining;
    /** How much of the amount due payments made by the due date (by their paidAt) covered. */
    private long coveredOnTime;

    Statement(int month, int dueDate, long dueEnd, long carriedOver, long purchases, long refunds, long planFee,
              long billingFee, long pointsUsed, long amountDue, long closedAt) {
        this.month = month;
        this.dueDate = dueDate;
        this.dueEnd = dueEnd;
        this.carriedOver = carriedOver;
        this.purchases = purchases;
        this.refunds = refunds;
        this.planFee = planFee;
        this.billingFee = billingFee;
        this.pointsUsed = pointsUsed;
        this.amountDue = amountDue;
        this.closedAt = closedAt;
        this.remaining = amountDue;
        this.coveredOnTime = 0;
    }

    /** The sum of the lines, below 0 when a credit is carried to the next statement. */
    public long total() {
        return carriedOver + purchases - refunds + planFee + billingFee - pointsUsed;
    }

    /** Fees the statement added to what the account owes. */
    public long fees() {
        return planFee + billingFee;
    }

    /** A payment of {@code amount} applied after the close; {@code onTime} when paid by the due date. Returns true when it settled the statement. */
    boolean pay(long amount, boolean onTime) {
        if (remaining == 0) {
            return false;
        }
        long covered = Math.min(amount, remaining);
        remaining -= covered;
        if (onTime) {
            coveredOnTime += covered;
        }
        return remaining == 0;
    }

    /** A later statement that asks for less than this one still leaves (a credit covered it): at most that much is left. */
    void capRemaining(long newerAmountDue) {
        remaining = Math.min(remaining, Math.max(0, newerAmountDue));
    }

    /** Covered on time so far (for the snapshots). */
    long coveredOnTime() {
        return coveredOnTime;
    }

    /** Puts back what a snapshot said is left and was covered on time. */
    void restoreProgress(long remainingYen, long coveredOnTimeYen) {
        remaining = remainingYen;
        coveredOnTime = coveredOnTimeYen;
    }

    public boolean paidOnTime() {
        return remaining == 0 && coveredOnTime >= amountDue;
    }

    public State state(long nowMillis) {
        if (paidOnTime()) {
            return State.PAID;
        }
        return remaining > 0 && nowMillis < dueEnd ? State.OPEN : State.LATE;
    }

    /** Paid so far (amount due less what is left). */
    public long paid() {
        return amountDue - remaining;
    }

    Statement copy() {
        Statement s = new Statement(month, dueDate, dueEnd, carriedOver, purchases, refunds, planFee, billingFee,
                pointsUsed, amountDue, closedAt);
        s.remaining = remaining;
        s.coveredOnTime = coveredOnTime;
        return s;
    }

    public int month() { return month; }
    public int dueDate() { return dueDate; }
    public long dueEnd() { return dueEnd; }
    public long carriedOver() { return carriedOver; }
    public long purchases() { return purchases; }
    public long refunds() { return refunds; }
    public long planFee() { return planFee; }
    public long billingFee() { return billingFee; }
    public long pointsUsed() { return pointsUsed; }
    public long amountDue() { return amountDue; }
    public long remaining() { return remaining; }
    public long closedAt() { return closedAt; }

    /** True when the two have the same lines (what a closed statement must never change). */
    public boolean sameLines(Statement o) {
        return month == o.month && dueDate == o.dueDate && carriedOver == o.carriedOver && purchases == o.purchases
                && refunds == o.refunds && planFee == o.planFee && billingFee == o.billingFee
                && pointsUsed == o.pointsUsed && amountDue == o.amountDue;
    }

    @Override
    public String toString() {
        return "Statement[" + BillingCalendar.monthText(month) + " carried " + carriedOver + " purchases " + purchases
                + " refunds " + refunds + " plan " + planFee + " billing " + billingFee + " points " + pointsUsed
                + " due " + amountDue + " by " + BillingCalendar.dateText(dueDate) + ", remaining " + remaining + "]";
    }
}
