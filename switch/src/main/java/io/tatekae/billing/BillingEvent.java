package io.tatekae.billing;

import java.util.Arrays;

/**
 * One change billing made, as it is journaled and as recovery replays it. A reusable holder; what
 * each field means depends on the kind (see the setters). Never holds a PAN or a CAV2: a card is its
 * PAN key and masked PAN.
 */
public final class BillingEvent {
    public enum Kind { STATEMENT_CLOSED, POINTS_REDEEMED, CARD_LIMIT_SET, ACCOUNT_STATUS, CREDIT_LIMIT_SET, CARD_ISSUED }

    public static final int X_COUNT = 6;

    public Kind kind;
    public int accountIndex;
    public String accountId = "";
    public long timeMillis;
    /** STATEMENT_CLOSED amount due; POINTS_REDEEMED points; *_SET and ACCOUNT_STATUS the new value; CARD_ISSUED the limit. */
    public long amount;
    /** STATEMENT_CLOSED fees; *_SET and ACCOUNT_STATUS the old value. */
    public long previous;
    public final long[] x = new long[X_COUNT];
    public int n1;
    public int n2;
    public long panHi;
    public long panLo;
    public String maskedPan = "";
    public String text = "";

    public BillingEvent clear() {
        kind = null;
        accountIndex = -1;
        accountId = "";
        timeMillis = 0;
        amount = 0;
        previous = 0;
        Arrays.fill(x, 0);
        n1 = 0;
        n2 = 0;
        panHi = 0;
        panLo = 0;
        maskedPan = "";
        text = "";
        return this;
    }

    private BillingEvent start(Kind k, int index, String id, long time) {
        clear();
        kind = k;
        accountIndex = index;
        accountId = id;
        timeMillis = time;
        return this;
    }

    public BillingEvent statementClosed(int index, String id, long time, Statement s) {
        start(Kind.STATEMENT_CLOSED, index, id, time);
        amount = s.amountDue();
        previous = s.fees();
        x[0] = s.carriedOver();
        x[1] = s.purchases();
        x[2] = s.refunds();
        x[3] = s.planFee();
        x[4] = s.billingFee();
        x[5] = s.pointsUsed();
        n1 = s.month();
        n2 = s.dueDate();
        return this;
    }

    /** The statement this STATEMENT_CLOSED event describes (due end from the calendar). */
    public Statement statement(BillingCalendar calendar) {
        return new Statement(n1, n2, calendar.dueEnd(n1), x[0], x[1], x[2], x[3], x[4], x[5], amount, timeMillis);
    }

    public BillingEvent pointsRedeemed(int index, String id, long time, long points, long lotExpiresAt, int statementMonth) {
        start(Kind.POINTS_REDEEMED, index, id, time);
        amount = points;
        x[0] = lotExpiresAt;
        n1 = statementMonth;
        return this;
    }

    public BillingEvent cardLimitSet(int index, String id, long time, long hi, long lo, String masked, long from, long to,
                                     Cause cause, long reference, String causeText) {
        start(Kind.CARD_LIMIT_SET, index, id, time);
        panHi = hi;
        panLo = lo;
        maskedPan = masked;
        previous = from;
        amount = to;
        return cause(cause, reference, causeText);
    }

    /** {@code to} and {@code from}: 0 GOOD, 1 DELINQUENT. */
    public BillingEvent accountStatus(int index, String id, long time, int from, int to, Cause cause, long reference,
                                      String causeText) {
        start(Kind.ACCOUNT_STATUS, index, id, time);
        previous = from;
        amount = to;
        n2 = from;
        return cause(cause, reference, causeText);
    }

    public BillingEvent creditLimitSet(int index, String id, long time, long from, long to, boolean directDebit,
                                       Cause cause, long reference, String causeText) {
        start(Kind.CREDIT_LIMIT_SET, index, id, time);
        previous = from;
        amount = to;
        x[1] = directDebit ? 1 : 0;
        return cause(cause, reference, causeText);
    }

    public BillingEvent cardIssued(int index, String id, long time, long hi, long lo, String masked, long limit,
                                   int expiryYymm, String name) {
        start(Kind.CARD_ISSUED, index, id, time);
        panHi = hi;
        panLo = lo;
        maskedPan = masked;
        amount = limit;
        n2 = expiryYymm;
        text = name;
        n1 = Cause.ISSUED.code();
        return this;
    }

    private BillingEvent cause(Cause cause, long reference, String causeText) {
        n1 = cause.code();
        x[0] = reference;
        text = causeText == null ? "" : causeText;
        return this;
    }

    public Cause cause() {
        return Cause.of(n1);
    }

    /** What the event adds to what the account owes: a statement's fees, minus redeemed points. */
    public long outstandingDelta() {
        return switch (kind) {
            case STATEMENT_CLOSED -> previous;
            case POINTS_REDEEMED -> -amount;
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return "BillingEvent[" + kind + " account " + accountId + "#" + accountIndex + " amount " + amount + " previous "
                + previous + " x " + Arrays.toString(x) + " n " + n1 + "/" + n2 + " card " + maskedPan + " text '" + text + "']";
    }
}
