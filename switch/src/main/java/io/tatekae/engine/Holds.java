package io.tatekae.engine;

import io.tatekae.state.AccountState;
import io.tatekae.state.StateStore;

/**
 * The in-memory side of holds: an approval raises its account's open holds at once (so the next
 * authorization on any card of the account sees it), reversals lower or void it, and holds past
 * their lifetime expire. Every change is logged to the {@link MoneyLog} in the same step.
 */
final class Holds {
    private final StateStore store;
    private final TxnTable txns;
    private final MoneyLog money;
    private final long lifetimeMillis;
    private final AccountState account = new AccountState();
    private final HoldEvent event = new HoldEvent();
    private long nextHoldId;

    Holds(StateStore store, TxnTable txns, MoneyLog money, long lifetimeMillis, long nextHoldId) {
        this.store = store;
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
        c.account.openHolds(c.account.openHolds() + amount);
        c.saveAccount();
        c.card.velocity().record(now);
        c.saveCard();
        txns.state(slot, TxnTable.HOLD_OPEN);
        txns.hold(slot, id, c.account.index(), amount);
        describe(slot, forced ? HoldEvent.Kind.FORCED : HoldEvent.Kind.PLACED, now);
        event.released = 0;
        event.stan = r.stan;
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
        money.record(event);
    }

    /**
     * Applies a reversal to the original in {@code slot}: a full one (replacementAmount < 0) voids the
     * hold, a partial one lowers it to the replacement amount. Anything but an open hold is left alone.
     */
    void reverse(int slot, long replacementAmount, long now) {
        if (txns.state(slot) != TxnTable.HOLD_OPEN) {
            return;
        }
        long held = txns.holdAmount(slot);
        long keep = replacementAmount < 0 ? 0 : Math.min(replacementAmount, held);
        long released = held - keep;
        if (released == 0) {
            return;
        }
        int accountIndex = txns.accountIndex(slot);
        release(accountIndex, released);
        if (keep == 0) {
            txns.state(slot, TxnTable.HOLD_CLOSED);
        }
        txns.holdAmount(slot, keep);
        describe(slot, keep == 0 ? HoldEvent.Kind.VOIDED : HoldEvent.Kind.REDUCED, now);
        event.released = released;
        money.record(event);
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
     * Frees room for {@code needed} new entries by forgetting the oldest answered requests; an open
     * hold is never forgotten, so when one is oldest and the table is full the request gets 91.
     */
    boolean makeRoom(int needed) {
        while (txns.size() + needed > txns.maxEntries()) {
            int slot = txns.oldest();
            if (slot < 0 || txns.state(slot) == TxnTable.HOLD_OPEN) {
                return false;
            }
            txns.remove(slot);
            txns.popOldest();
        }
        return true;
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
        if (!store.readAccount(accountIndex, account)) {
            throw new IllegalStateException("hold on missing account index " + accountIndex);
        }
        long open = account.openHolds() - amount;
        assert open >= 0 : "open holds went negative on account " + accountIndex;
        account.openHolds(Math.max(0, open));
        store.writeAccount(account);
    }
}
