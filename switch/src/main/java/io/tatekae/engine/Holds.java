package io.tatekae.engine;

import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountTable;
import io.tatekae.state.CardTable;

/**
 * The in-memory side of holds: an approval raises its account's open holds at once (so the next
 * authorization on any card of the account sees it), reversals lower or void it, and holds past
 * their lifetime expire. Every change is logged to the {@link MoneyLog} in the same step.
 */
final class Holds {
    private final CardTable cards;
    private final AccountTable accounts;
    private final TxnTable txns;
    private final MoneyLog money;
    private final long lifetimeMillis;
    private final HoldEvent event = new HoldEvent();
    private final BatchUndo undo;
    private long nextHoldId;

    Holds(CardTable cards, AccountTable accounts, TxnTable txns, MoneyLog money, long lifetimeMillis, long nextHoldId,
          int maxBatch) {
        this.undo = new BatchUndo(maxBatch);
        this.cards = cards;
        this.accounts = accounts;
        this.txns = txns;
        this.money = money;
        this.lifetimeMillis = lifetimeMillis;
        this.nextHoldId = nextHoldId;
    }

    long nextHoldId() {
        return nextHoldId;
    }

    /** Places the hold of the approval remembered in {@code slot} on the loaded card's account. */
    void place(int slot, CardContext c, long amount, long now, boolean forced, AuthRequest r) {
        long id = nextHoldId++;
        c.placeHold(amount, now, undo, txns.keyA(slot), txns.keyB(slot));
        txns.state(slot, TxnTable.HOLD_OPEN);
        txns.hold(slot, id, c.accountIndex(), amount);
        describe(slot, forced ? HoldEvent.Kind.FORCED : HoldEvent.Kind.PLACED, now);
        event.released = 0;
        event.stan = r.stan;
        event.accountIdLength = c.copyAccountId(event.accountId);
        event.maskedPanLength = c.copyMaskedPan(event.maskedPan);
        event.plan = c.plan() == AccountPlan.PLUS ? 2 : 1;
        if (r.rrnLength > 0) {
            System.arraycopy(r.data, r.rrnOffset, event.rrn, 0, Math.min(r.rrnLength, event.rrn.length));
            event.rrnLength = Math.min(r.rrnLength, event.rrn.length);
        }
        if (forced) {
            if (r.adviceAuthCodeLength == AuthCodes.LENGTH) {
                System.arraycopy(r.data, r.adviceAuthCodeOffset, event.authCode, 0, AuthCodes.LENGTH);
            }
        } else {
            AuthCodes.write(txns.authCounter(slot), event.authCode, 0);
        }
        txns.indexMatch(slot, MatchIndex.key(event.panHi, event.panLo, event.authCode, 0, event.rrn, 0, event.rrnLength));
        money.record(event);
    }

    /**
     * Applies a reversal to the original in {@code slot}: a full one (replacementAmount < 0) voids the
     * hold, a partial one lowers it to the replacement amount. Anything but an open hold is left alone.
     * Returns true when money changed.
     */
    boolean reverse(int slot, long replacementAmount, long now, long reversalA, long reversalB) {
        if (txns.state(slot) != TxnTable.HOLD_OPEN) {
            return false;
        }
        long held = txns.holdAmount(slot);
        long keep = replacementAmount < 0 ? 0 : Math.min(replacementAmount, held);
        long released = held - keep;
        if (released == 0) {
            return false;
        }
        int accountIndex = txns.accountIndex(slot);
        release(accountIndex, released);
        undo.reversed(txns.keyA(slot), txns.keyB(slot), reversalA, reversalB, accountIndex, released, held);
        if (keep == 0) {
            txns.state(slot, TxnTable.HOLD_CLOSED);
            txns.unindexMatch(slot);
        }
        txns.holdAmount(slot, keep);
        describe(slot, keep == 0 ? HoldEvent.Kind.VOIDED : HoldEvent.Kind.REDUCED, now);
        event.released = released;
        money.record(event);
        return true;
    }

    /** Expires up to {@code budget} remembered entries older than the hold lifetime; returns how many. */
    int expire(long now, int budget) {
        int done = 0;
        int slot = txns.oldest();
        while (slot >= 0 && done < budget && txns.createdMillis(slot) + lifetimeMillis <= now) {
            if (txns.state(slot) == TxnTable.HOLD_OPEN) {
                long amount = txns.holdAmount(slot);
                release(txns.accountIndex(slot), amount);
                txns.holdAmount(slot, 0);
                describe(slot, HoldEvent.Kind.EXPIRED, now);
                event.released = amount;
                money.record(event);
            }
            txns.remove(slot);
            txns.popOldest();
            done++;
            slot = txns.oldest();
        }
        return done;
    }

    /**
     * Frees room for {@code needed} new entries by forgetting the oldest answered requests; open holds
     * are kept, so when the table holds nothing else the request gets 91.
     */
    boolean makeRoom(int needed) {
        return txns.makeRoom(needed);
    }

    /** True when no more hold changes fit in this batch's undo log (the request must wait: answer 91). */
    boolean batchFull() {
        return undo.full();
    }

    /** The batch is durable: nothing to take back. */
    void batchCommitted() {
        undo.clear();
    }

    /**
     * The journal could not make the batch durable: takes back its holds and reversals, newest
     * first, and marks those requests' remembered answers 91 so duplicates get 91 too.
     */
    void batchFailed() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            int slot = txns.find(undo.keyA(i), undo.keyB(i));
            if (undo.kind(i) == BatchUndo.PLACED) {
                release(undo.account(i), undo.amount(i));
                forgetVelocity(i);
                if (slot >= 0) {
                    txns.unindexMatch(slot);
                    txns.state(slot, TxnTable.ANSWERED);
                    txns.hold(slot, -1, -1, 0);
                    forget(slot);
                }
            } else {
                addBack(undo.account(i), undo.amount(i));
                if (slot >= 0) {
                    txns.state(slot, TxnTable.HOLD_OPEN);
                    txns.holdAmount(slot, undo.previousHold(i));
                    if (txns.matchKey(slot) != 0) {
                        txns.indexMatch(slot, txns.matchKey(slot));
                    }
                }
                int own = txns.find(undo.ownA(i), undo.ownB(i));
                if (own >= 0) {
                    forget(own);
                }
            }
        }
        undo.clear();
    }

    /** The purchase was answered 91, not approved: it must not count towards the card's velocity. */
    private void forgetVelocity(int undoIndex) {
        int card = cards.find(undo.panHi(undoIndex), undo.panLo(undoIndex));
        if (card >= 0) {
            cards.unrecordApproval(card, undo.velocityCount(undoIndex), undo.velocityDisplaced(undoIndex));
        }
    }

    private void forget(int slot) {
        txns.outcome(slot, Outcome.UNAVAILABLE);
        txns.authCounter(slot, -1);
        txns.balance(slot, Decision.NO_BALANCE);
        txns.results(slot, (byte) 0, (byte) 0);
    }

    private void addBack(int accountIndex, long amount) {
        checkAccount(accountIndex);
        accounts.openHolds(accountIndex, accounts.openHolds(accountIndex) + amount);
    }

    /** Fills the event from the table's entry: the hold, and the key and content of its authorization. */
    private void describe(int slot, HoldEvent.Kind kind, long now) {
        event.clear();
        event.kind = kind;
        event.holdId = txns.holdId(slot);
        event.accountIndex = txns.accountIndex(slot);
        event.amount = txns.holdAmount(slot);
        event.timeMillis = now;
        txns.describe(slot, event);
    }

    private void release(int accountIndex, long amount) {
        checkAccount(accountIndex);
        long open = accounts.openHolds(accountIndex) - amount;
        assert open >= 0 : "open holds went negative on account " + accountIndex;
        accounts.openHolds(accountIndex, Math.max(0, open));
    }

    private void checkAccount(int accountIndex) {
        if (!accounts.exists(accountIndex)) {
            throw new IllegalStateException("hold on missing account index " + accountIndex);
        }
    }
}
