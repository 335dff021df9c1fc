package io.tatekae.engine;

import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountState;
import io.tatekae.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Changes to what accounts owe, made by admin work on the decision thread: clearing captures and
 * forced posts, refund credits, payments, and opening balances set by provisioning. Each change is
 * applied to memory, journaled, and kept in an undo list until the batch commits; when the commit
 * fails every change of the batch is taken back and its waiters learn it. Every posting carries an
 * id (its idempotency key); applied ids are remembered (and rebuilt by recovery) so none applies twice.
 * Admin path: allocation is fine, the work per call is one account.
 */
public final class Postings {
    private final StateStore store;
    private final TxnTable txns;
    private final MoneyLog money;
    private final InstantSource clock;
    private final AccountState account = new AccountState();
    private final HoldEvent event = new HoldEvent();
    private final Set<Long> applied = new HashSet<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
    private static final byte[] EMPTY = new byte[0];

    Postings(StateStore store, TxnTable txns, MoneyLog money, InstantSource clock) {
        this.store = store;
        this.txns = txns;
        this.money = money;
        this.clock = clock;
    }

    /** Adds the ids recovery found in the journal. */
    public void rememberApplied(Set<Long> ids) {
        applied.addAll(ids);
    }

    public boolean applied(long postingId) {
        return applied.contains(postingId);
    }

    /**
     * Captures the open hold the clearing match key names for {@code cleared} yen: the hold closes, the
     * account's open holds lose the held amount and its outstanding gains the cleared one. Returns
     * the amount that was held, or -1 when no open hold of this PAN matches.
     */
    public long capture(long matchKey, long panHi, long panLo, long cleared, long postingId, String maskedPan) {
        int slot = txns.findMatch(matchKey);
        if (slot < 0 || !txns.samePan(slot, panHi, panLo)) {
            return -1;
        }
        long held = txns.holdAmount(slot);
        int index = txns.accountIndex(slot);
        long a = txns.keyA(slot);
        long b = txns.keyB(slot);
        change(index, -held, cleared);
        txns.state(slot, TxnTable.HOLD_CLOSED);
        txns.holdAmount(slot, 0);
        txns.unindexMatch(slot);
        event.clear();
        txns.describe(slot, event);
        event.holdId = txns.holdId(slot);
        record(HoldEvent.Kind.CAPTURED, index, cleared, Math.max(0, held - cleared), postingId, maskedPan);
        undo.add(() -> {
            int s = txns.find(a, b);
            if (s >= 0) {
                txns.state(s, TxnTable.HOLD_OPEN);
                txns.holdAmount(s, held);
                txns.indexMatch(s, txns.matchKey(s));
            }
            change(index, held, -cleared);
        });
        return held;
    }

    /** Posts a cleared purchase that matched no open hold: the account owes {@code amount} more. */
    public void forcedPost(int accountIndex, long amount, long postingId, String maskedPan) {
        post(HoldEvent.Kind.FORCED_POST, accountIndex, amount, amount, postingId, maskedPan);
    }

    /** Credits a cleared refund: the account owes {@code amount} less (it may go below 0: a credit balance). */
    public void refund(int accountIndex, long amount, long postingId, String maskedPan) {
        post(HoldEvent.Kind.REFUND, accountIndex, amount, -amount, postingId, maskedPan);
    }

    /**
     * Applies a payment: outstanding falls by {@code amount}, below 0 when the payment is more than
     * is owed (a credit on the next statement, billing.md §3). Returns the amount applied.
     */
    public long payment(int accountIndex, long amount, long postingId) {
        return payment(accountIndex, amount, postingId, clock.millis(), 0, EMPTY, 0);
    }

    /**
     * As {@link #payment(int, long, long)}, journaling when the customer paid ({@code paidAtMillis},
     * which decides whether a statement was paid on time), how ({@code method}, billing's code) and the
     * payer's reference (printable ASCII, at most 45 bytes).
     */
    public long payment(int accountIndex, long amount, long postingId, long paidAtMillis, int method,
                        byte[] reference, int referenceLength) {
        if (amount <= 0) {
            throw new IllegalArgumentException("payment amount must be positive, got " + amount);
        }
        change(accountIndex, 0, -amount);
        event.clear();
        event.holdId = postingId;
        event.paidAtMillis = paidAtMillis;
        event.paymentMethod = method;
        event.referenceLength = Math.min(referenceLength, event.reference.length);
        System.arraycopy(reference, 0, event.reference, 0, event.referenceLength);
        record(HoldEvent.Kind.PAYMENT, accountIndex, amount, 0, postingId, "");
        undo.add(() -> change(accountIndex, 0, amount));
        return amount;
    }

    /** Journals an outstanding that provisioning already wrote to the store ({@code previous} before it). */
    public void outstandingSet(int accountIndex, long value, long previous) {
        readAccount(accountIndex);
        event.clear();
        record(HoldEvent.Kind.OUTSTANDING_SET, accountIndex, value, value - previous, 0, "");
    }

    /** Completes with true once everything journaled so far is durable, false when that commit failed. */
    public CompletableFuture<Boolean> whenDurable() {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        waiters.add(f);
        return f;
    }

    /** Commits now (for work done before the decision thread runs, e.g. provisioning at start). */
    public boolean commitNow() {
        boolean ok = money.commit();
        if (ok) {
            committed();
        } else {
            failed();
        }
        return ok;
    }

    /** The batch is durable. */
    void committed() {
        if (undo.isEmpty() && waiters.isEmpty()) {
            return;
        }
        undo.clear();
        waiters.forEach(w -> w.complete(true));
        waiters.clear();
    }

    /** The batch's commit failed: takes back this batch's postings, newest first. */
    void failed() {
        if (undo.isEmpty() && waiters.isEmpty()) {
            return;
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
        waiters.forEach(w -> w.complete(false));
        waiters.clear();
    }

    private void post(HoldEvent.Kind kind, int index, long amount, long outstandingDelta, long postingId, String maskedPan) {
        change(index, 0, outstandingDelta);
        event.clear();
        event.holdId = postingId;
        record(kind, index, amount, 0, postingId, maskedPan);
        undo.add(() -> change(index, 0, -outstandingDelta));
    }

    private void record(HoldEvent.Kind kind, int index, long amount, long released, long postingId, String maskedPan) {
        event.kind = kind;
        event.accountIndex = index;
        event.amount = amount;
        event.released = released;
        event.postingId = postingId;
        event.timeMillis = clock.millis();
        event.plan = account.plan() == AccountPlan.PLUS ? 2 : 1;
        event.accountIdLength = Math.min(account.id().length(), event.accountId.length);
        System.arraycopy(account.id().array(), 0, event.accountId, 0, event.accountIdLength);
        byte[] masked = maskedPan.getBytes(StandardCharsets.US_ASCII);
        event.maskedPanLength = Math.min(masked.length, event.maskedPan.length);
        System.arraycopy(masked, 0, event.maskedPan, 0, event.maskedPanLength);
        if (postingId != 0) {
            applied.add(postingId);
            undo.add(() -> applied.remove(postingId));
        }
        money.record(event);
    }

    /** Adds the deltas to the account's open holds (not below 0) and outstanding; leaves it loaded. */
    private void change(int index, long openHoldsDelta, long outstandingDelta) {
        readAccount(index);
        account.openHolds(Math.max(0, account.openHolds() + openHoldsDelta));
        account.outstanding(account.outstanding() + outstandingDelta);
        store.writeAccount(account);
    }

    private void readAccount(int index) {
        if (!store.readAccount(index, account)) {
            throw new IllegalStateException("no account at index " + index);
        }
    }
}
