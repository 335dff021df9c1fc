package io.tatekae.ledger;

import io.tatekae.billing.Cause;
import io.tatekae.billing.PaymentMethod;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.PointsPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out, in memory and in journal order, what a batch does to holds, accounts, transfers and
 * points, given the current rows it touches. The JDBC side then writes the result in one transaction.
 * Rules: a hold is placed once and closed once; a forced post, refund or payment applies once per id;
 * an outstanding set by provisioning posts its change (the journal sequence keeps it from repeating).
 */
final class BatchPlan {
    static final int ONCE_PLACE = 1;
    static final int ONCE_CLOSE = 2;
    static final int ONCE_FORCED_POST = 3;
    static final int ONCE_REFUND = 4;
    static final int ONCE_PAYMENT = 5;
    /** Lowering a hold may repeat, so it carries no once key. */
    static final int ONCE_NEVER = 6;

    record OnceKey(long key, int onceClass) {
    }

    record Transfer(long transferId, JournalRecordType kind, long holdId, String accountId, long amount,
                    long pendingDelta, long postedDelta, long eventTime, int onceClass, Long onceKey) {
    }

    record Rejection(long sequence, JournalRecordType kind, long holdId, String accountId, long amount, String reason) {
    }

    record PointsEntry(long entryId, String accountId, long holdId, long points, long earnedAt, long expiresAt) {
    }

    record NewAccount(String accountId, int accountIndex, long createdSeq) {
    }

    record StatementRow(String accountId, int month, int dueDate, long carriedOver, long purchases, long refunds,
                        long planFee, long billingFee, long pointsUsed, long amountDue, long closedSeq, long closedAt) {
    }

    record PaymentRow(long postingId, String accountId, long amount, String method, String reference, long paidAt,
                      long appliedSeq, long appliedAt) {
    }

    record ChangeRow(long journalSeq, String kind, String accountId, String maskedPan, long oldValue, long newValue,
                     String cause, String detail, long eventTime) {
    }

    private final Map<Long, HoldRow> holds;
    private final Set<String> knownAccounts;
    private final Set<OnceKey> usedOnceKeys;
    private final Set<String> closedStatements;
    final List<NewAccount> newAccounts = new ArrayList<>();
    final List<StatementRow> statements = new ArrayList<>();
    final List<PaymentRow> payments = new ArrayList<>();
    final List<ChangeRow> changes = new ArrayList<>();
    final Map<String, long[]> accountDeltas = new LinkedHashMap<>();
    final List<Transfer> transfers = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<PointsEntry> points = new ArrayList<>();

    BatchPlan(Map<Long, HoldRow> loadedHolds, Set<String> knownAccounts, Set<OnceKey> usedOnceKeys) {
        this(loadedHolds, knownAccounts, usedOnceKeys, new HashSet<>());
    }

    /** @param closedStatements "accountId/YYYYMM" of the statements the ledger already has among the batch's accounts */
    BatchPlan(Map<Long, HoldRow> loadedHolds, Set<String> knownAccounts, Set<OnceKey> usedOnceKeys,
              Set<String> closedStatements) {
        this.holds = new HashMap<>(loadedHolds);
        this.knownAccounts = knownAccounts;
        this.usedOnceKeys = usedOnceKeys;
        this.closedStatements = closedStatements;
    }

    List<HoldRow> newHolds() {
        return holds.values().stream().filter(h -> h.isNew).toList();
    }

    List<HoldRow> changedHolds() {
        return holds.values().stream().filter(h -> !h.isNew && h.changed).toList();
    }

    void apply(JournalRecord r) {
        String reason = switch (r.type()) {
            case HOLD_PLACED, HOLD_FORCED -> place(r);
            case HOLD_REDUCED -> reduce(r);
            case HOLD_VOIDED -> close(r, HoldState.VOIDED, 0);
            case HOLD_EXPIRED -> close(r, HoldState.EXPIRED, 0);
            case HOLD_CAPTURED -> close(r, HoldState.POSTED, r.amount());
            case FORCED_POST -> post(r, ONCE_FORCED_POST, r.amount());
            case REFUND_CREDIT -> post(r, ONCE_REFUND, -r.amount());
            case PAYMENT -> payment(r);
            case OUTSTANDING_SET -> adjust(r);
            case STATEMENT_CLOSED -> statement(r);
            case POINTS_REDEEMED -> redeemed(r);
            case CARD_LIMIT_SET, ACCOUNT_STATUS, CREDIT_LIMIT_SET, CARD_ISSUED -> change(r);
        };
        if (reason != null) {
            rejections.add(new Rejection(r.sequence(), r.type(), r.holdId(), r.accountId(), r.amount(), reason));
        }
    }

    private String place(JournalRecord r) {
        if (holds.containsKey(r.holdId())) {
            return "hold already exists";
        }
        String invalid = checkAccountAndAmount(r, 1);
        if (invalid != null) {
            return invalid;
        }
        HoldRow hold = new HoldRow();
        hold.holdId = r.holdId();
        hold.accountId = r.accountId();
        hold.state = HoldState.PENDING;
        hold.forced = r.type() == JournalRecordType.HOLD_FORCED;
        hold.authorizedAmount = r.amount();
        hold.pendingAmount = r.amount();
        hold.plan = r.plan().code();
        hold.placedSeq = r.sequence();
        hold.placedAt = r.eventTimeMillis();
        hold.authCode = r.authCode();
        hold.rrn = r.rrn();
        hold.stan = r.stan();
        hold.maskedPan = r.maskedPan();
        hold.isNew = true;
        holds.put(hold.holdId, hold);
        ensureAccount(r);
        transfer(r, hold.accountId, r.amount(), r.amount(), 0, ONCE_PLACE, r.holdId());
        return null;
    }

    private String reduce(JournalRecord r) {
        HoldRow hold = holds.get(r.holdId());
        if (hold == null || hold.state != HoldState.PENDING) {
            return hold == null ? "no such hold" : "hold is " + hold.state;
        }
        if (r.amount() < 0 || r.amount() >= hold.pendingAmount) {
            return "new amount not below the pending amount";
        }
        long delta = r.amount() - hold.pendingAmount;
        hold.pendingAmount = r.amount();
        hold.changed = true;
        transfer(r, hold.accountId, -delta, delta, 0, ONCE_NEVER, null);
        return null;
    }

    private String close(JournalRecord r, HoldState to, long captured) {
        HoldRow hold = holds.get(r.holdId());
        if (hold == null || hold.state != HoldState.PENDING) {
            return hold == null ? "no such hold" : "hold is " + hold.state;
        }
        if (captured < 0) {
            return "negative captured amount";
        }
        long released = hold.pendingAmount;
        hold.state = to;
        hold.pendingAmount = 0;
        hold.capturedAmount = captured;
        hold.closedSeq = r.sequence();
        hold.closedAt = r.eventTimeMillis();
        hold.changed = true;
        transfer(r, hold.accountId, to == HoldState.POSTED ? captured : released, -released, captured, ONCE_CLOSE, hold.holdId);
        if (to == HoldState.POSTED) {
            PointsPlan plan = r.plan() != PointsPlan.NONE ? r.plan() : PointsPlan.fromCode(hold.plan);
            earn(r, hold.accountId, plan.pointsFor(captured));
        }
        return null;
    }

    private String post(JournalRecord r, int onceClass, long postedDelta) {
        if (!usedOnceKeys.add(new OnceKey(r.holdId(), onceClass))) {
            return "already applied";
        }
        String invalid = checkAccountAndAmount(r, onceClass == ONCE_FORCED_POST ? 0 : 1);
        if (invalid != null) {
            usedOnceKeys.remove(new OnceKey(r.holdId(), onceClass));
            return invalid;
        }
        ensureAccount(r);
        transfer(r, r.accountId(), r.amount(), 0, postedDelta, onceClass, r.holdId());
        long planPoints = r.plan().pointsFor(r.amount());
        if (onceClass == ONCE_FORCED_POST) {
            earn(r, r.accountId(), planPoints);
        } else if (onceClass == ONCE_REFUND) {
            earn(r, r.accountId(), -planPoints);
        }
        return null;
    }

    private String payment(JournalRecord r) {
        String reason = post(r, ONCE_PAYMENT, -r.amount());
        if (reason == null) {
            payments.add(new PaymentRow(r.holdId(), r.accountId(), r.amount(), PaymentMethod.of(r.n1()).name(), r.text(),
                    r.x(1) != 0 ? r.x(1) : r.eventTimeMillis(), r.sequence(), r.eventTimeMillis()));
        }
        return reason;
    }

    /** A month closed for an account: its statement row, and its fees posted to what the account owes. */
    private String statement(JournalRecord r) {
        if (r.accountId().isEmpty()) {
            return "no account id";
        }
        if (!closedStatements.add(r.accountId() + "/" + r.n1())) {
            return "statement already closed";
        }
        if (r.amount() < 0 || r.secondAmount() < 0) {
            return "negative amount due or fees";
        }
        ensureAccount(r);
        statements.add(new StatementRow(r.accountId(), r.n1(), r.n2(), r.x(1), r.x(2), r.x(3), r.x(4), r.x(5), r.x(6),
                r.amount(), r.sequence(), r.eventTimeMillis()));
        if (r.secondAmount() > 0) {
            transfer(r, r.accountId(), r.secondAmount(), 0, r.secondAmount(), ONCE_NEVER, null);
        }
        return null;
    }

    /** Points redeemed against a statement: what the account owes falls by as many yen; the points go, expiring with their lot. */
    private String redeemed(JournalRecord r) {
        String invalid = checkAccountAndAmount(r, 1);
        if (invalid != null) {
            return invalid;
        }
        ensureAccount(r);
        transfer(r, r.accountId(), r.amount(), 0, -r.amount(), ONCE_NEVER, null);
        points.add(new PointsEntry(r.sequence(), r.accountId(), 0, -r.amount(), r.eventTimeMillis(), r.x(1)));
        return null;
    }

    /** A limit, a status or an issued card, with its cause. */
    private String change(JournalRecord r) {
        if (r.accountId().isEmpty()) {
            return "no account id";
        }
        changes.add(new ChangeRow(r.sequence(), r.type().name(), r.accountId(), r.maskedPan(), r.secondAmount(), r.amount(),
                Cause.of(r.n1()).name(), r.text(), r.eventTimeMillis()));
        return null;
    }

    /** An opening balance set by provisioning: the change ({@code secondAmount}) is posted as an adjustment. */
    private String adjust(JournalRecord r) {
        if (r.accountId().isEmpty()) {
            return "no account id";
        }
        ensureAccount(r);
        transfer(r, r.accountId(), r.amount(), 0, r.secondAmount(), ONCE_NEVER, null);
        return null;
    }

    private String checkAccountAndAmount(JournalRecord r, long minimum) {
        if (r.accountId().isEmpty()) {
            return "no account id";
        }
        return r.amount() < minimum ? "amount below " + minimum : null;
    }

    private void ensureAccount(JournalRecord r) {
        if (knownAccounts.add(r.accountId())) {
            newAccounts.add(new NewAccount(r.accountId(), r.accountIndex(), r.sequence()));
        }
    }

    private void transfer(JournalRecord r, String accountId, long amount, long pendingDelta, long postedDelta,
                          int onceClass, Long onceKey) {
        transfers.add(new Transfer(r.sequence(), r.type(), r.holdId(), accountId, amount, pendingDelta, postedDelta,
                r.eventTimeMillis(), onceClass, onceKey));
        long[] delta = accountDeltas.computeIfAbsent(accountId, id -> new long[2]);
        delta[0] += pendingDelta;
        delta[1] += postedDelta;
    }

    private void earn(JournalRecord r, String accountId, long amount) {
        if (amount != 0) {
            points.add(new PointsEntry(r.sequence(), accountId, r.holdId(), amount, r.eventTimeMillis(),
                    PointsExpiry.expiresAt(r.eventTimeMillis())));
        }
    }
}
