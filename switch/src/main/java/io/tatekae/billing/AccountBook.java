package io.tatekae.billing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything billing knows about one account, rebuilt from the journal: the month being accumulated
 * (purchases and refunds posted in it, points redeemed against its statement), what earlier statements
 * billed and payments have not yet paid, the closed statements, the points, and the recorded status.
 * What the account owes is always {@link #billedBalance} + purchases − refunds − points pending.
 */
final class AccountBook {
    static final int MAX_CHANGES_KEPT = 20;
    /** Statements kept in full (two years); older settled ones only count (memory stays bounded over the years). */
    static final int MAX_STATEMENTS_KEPT = 24;

    /** The month whose postings are being gathered (YYYYMM). */
    int openMonth;
    long purchases;
    long refunds;
    /** Points redeemed against the open month's statement and not yet used by a statement. */
    long pointsPending;
    /** The last statement's total less payments since (plus opening balances); below 0 is a credit. */
    long billedBalance;
    final List<Statement> statements;
    /** Settled statements no longer kept in full, and how many of them were not paid on time. */
    int olderStatements;
    int olderLate;
    Points points;
    /** Every posted purchase (captures and forced posts) and refund, for the issuing rules. */
    int purchaseCount;
    long purchaseYen;
    long refundYen;
    /** Billing recorded the account DELINQUENT (ACCOUNT_STATUS), for the statement of this month. */
    boolean delinquent;
    int delinquencyMonth;
    /** The cards' limits before the last drop to the first rung: PAN key hi, lo, limit. */
    long[] dropped = new long[0];
    final Deque<Change> changes;

    AccountBook(int openMonth) {
        this.openMonth = openMonth;
        this.statements = new ArrayList<>();
        this.points = new Points();
        this.changes = new ArrayDeque<>();
    }

    private AccountBook(AccountBook o) {
        openMonth = o.openMonth;
        purchases = o.purchases;
        refunds = o.refunds;
        pointsPending = o.pointsPending;
        billedBalance = o.billedBalance;
        statements = new ArrayList<>(o.statements.size());
        o.statements.forEach(s -> statements.add(s.copy()));
        olderStatements = o.olderStatements;
        olderLate = o.olderLate;
        points = o.points.copy();
        purchaseCount = o.purchaseCount;
        purchaseYen = o.purchaseYen;
        refundYen = o.refundYen;
        delinquent = o.delinquent;
        delinquencyMonth = o.delinquencyMonth;
        dropped = o.dropped.clone();
        changes = new ArrayDeque<>(o.changes);
    }

    AccountBook copy() {
        return new AccountBook(this);
    }

    long owed() {
        return billedBalance + purchases - refunds - pointsPending;
    }

    /** The instant from which the oldest statement still unpaid is past due; {@link Long#MAX_VALUE} when none is. */
    long pastDueFrom() {
        for (Statement s : statements) {
            if (s.remaining() > 0) {
                return s.dueEnd();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The oldest statement with something left to pay, or null. */
    Statement oldestUnpaid() {
        for (Statement s : statements) {
            if (s.remaining() > 0) {
                return s;
            }
        }
        return null;
    }

    Statement statement(int month) {
        for (Statement s : statements) {
            if (s.month() == month) {
                return s;
            }
        }
        return null;
    }

    void closed(Statement s) {
        for (Statement older : statements) {
            older.capRemaining(s.amountDue());
        }
        statements.add(s);
        while (statements.size() > MAX_STATEMENTS_KEPT && statements.getFirst().remaining() == 0) {
            Statement oldest = statements.removeFirst();
            olderStatements++;
            olderLate += oldest.paidOnTime() ? 0 : 1;
        }
        billedBalance = s.total();
        purchases = 0;
        refunds = 0;
        pointsPending -= s.pointsUsed();
        openMonth = BillingCalendar.next(s.month());
    }

    /** The open month had nothing to bill: what it gathered (a credit, or nothing) moves to the billed balance. */
    void passedWithoutStatement(int month) {
        billedBalance += purchases - refunds;
        purchases = 0;
        refunds = 0;
        openMonth = BillingCalendar.next(month);
    }

    /** Applies a payment to every statement it still finds unpaid; returns those it settled. */
    List<Statement> paid(long amount, long paidAtMillis) {
        billedBalance -= amount;
        List<Statement> settled = new ArrayList<>(1);
        for (Statement s : statements) {
            if (s.pay(amount, paidAtMillis < s.dueEnd())) {
                settled.add(s);
            }
        }
        return settled;
    }

    /** Every statement this account was ever sent. */
    int statementCount() {
        return olderStatements + statements.size();
    }

    void remember(Change change) {
        changes.addLast(change);
        while (changes.size() > MAX_CHANGES_KEPT) {
            changes.removeFirst();
        }
    }

    /** Statements paid on time since the last one that was not (a LATE one), newest first: the account's climb. */
    int paidOnTimeSinceLastLate(long nowMillis) {
        int climb = 0;
        for (int i = statements.size() - 1; i >= 0; i--) {
            Statement s = statements.get(i);
            Statement.State state = s.state(nowMillis);
            if (state == Statement.State.LATE) {
                break;
            }
            if (state == Statement.State.PAID && s.amountDue() > 0) {
                climb++;
            }
        }
        return climb;
    }
}
