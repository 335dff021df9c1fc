package io.tatekae.engine;

import io.tatekae.state.AccountState;
import io.tatekae.state.CardState;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

/**
 * Rebuilds the engine's in-memory state from the journal (the record of truth) after any stop or
 * crash: the table of open and closed holds (so reversals and duplicates find their originals), each
 * account's open holds, each card's recent approvals for velocity, and where the hold-id and
 * approval-code counters resume. The state store is only a cache: what it said is overwritten.
 * Outstanding: an account's is its last OUTSTANDING_SET (an opening balance provisioning gave; 0 when
 * there is none) plus every capture and forced post, less every refund and payment, after it; an
 * account the journal never mentions keeps what the store says. Clearing and payment ids seen are
 * collected so that none applies twice.
 */
public final class EngineRecovery {
    private final StateStore store;
    private final TxnTable txns;
    private final long velocityWindowMillis;
    private final long nowMillis;
    private final long[] openHolds;
    private final long[] outstanding;
    private final boolean[] outstandingKnown;
    private final java.util.Set<Long> appliedPostings = new java.util.HashSet<>();
    private final PanKey panKey = new PanKey();
    private final CardState card = new CardState();
    private long maxHoldId;
    private long maxAuthCounter = -1;
    private long events;

    public EngineRecovery(StateStore store, TxnTable txns, PolicySettings policy, long nowMillis) {
        this.store = store;
        this.txns = txns;
        this.velocityWindowMillis = policy.velocityWindowMillis;
        this.nowMillis = nowMillis;
        this.openHolds = new long[Math.max(1, store.accountCount())];
        this.outstanding = new long[openHolds.length];
        this.outstandingKnown = new boolean[openHolds.length];
        store.forEachCard(c -> {
            if (c.velocity().count() > 0) {
                c.velocity().clear();
                store.writeCard(c);
            }
        });
    }

    /** Applies one journaled event, in journal order. */
    public void apply(HoldEvent e) {
        events++;
        if (!e.kind.changesOutstanding() || e.kind == HoldEvent.Kind.CAPTURED) {
            maxHoldId = Math.max(maxHoldId, e.holdId); // other postings carry their posting id there
        }
        maxAuthCounter = Math.max(maxAuthCounter, e.authCounter);
        if (e.postingId != 0) {
            appliedPostings.add(e.postingId);
        }
        switch (e.kind) {
            case PLACED, FORCED -> placed(e);
            case REDUCED -> changed(e, TxnTable.HOLD_OPEN);
            case VOIDED -> changed(e, TxnTable.HOLD_CLOSED);
            case EXPIRED -> expired(e);
            case CAPTURED -> captured(e);
            case FORCED_POST -> owes(e.accountIndex, e.amount);
            case REFUND, PAYMENT -> owes(e.accountIndex, -e.amount);
            case OUTSTANDING_SET -> {
                checkIndex(e.accountIndex);
                outstanding[e.accountIndex] = e.amount;
                outstandingKnown[e.accountIndex] = true;
            }
        }
    }

    /**
     * A change of what the account owes that is not a hold event (billing's fees and redeemed points),
     * in journal order: it counts like a posting (an OUTSTANDING_SET after it starts over).
     */
    public void billed(int accountIndex, long delta) {
        if (delta != 0) {
            owes(accountIndex, delta);
        }
    }

    private void captured(HoldEvent e) {
        int slot = txns.find(e.keyA, e.keyB);
        long held = e.amount + e.released;
        if (slot >= 0) {
            held = txns.holdAmount(slot);
            txns.state(slot, TxnTable.HOLD_CLOSED);
            txns.holdAmount(slot, 0);
            txns.unindexMatch(slot);
        }
        addOpen(e.accountIndex, -held);
        owes(e.accountIndex, e.amount);
    }

    private void owes(int accountIndex, long delta) {
        checkIndex(accountIndex);
        outstanding[accountIndex] += delta;
        outstandingKnown[accountIndex] = true;
    }

    private void placed(HoldEvent e) {
        int slot = txns.find(e.keyA, e.keyB);
        if (slot < 0) {
            if (txns.full()) {
                throw new IllegalStateException("journal holds more open transactions than holds.maxOpenHolds ("
                        + txns.maxEntries() + "); raise it and restart");
            }
            slot = txns.insert(e.keyA, e.keyB, TxnTable.HOLD_OPEN, e.timeMillis);
        }
        txns.state(slot, TxnTable.HOLD_OPEN);
        txns.outcome(slot, Outcome.APPROVED);
        txns.content(slot, e.panHi, e.panLo, e.amountAndCode, e.merchantHash);
        txns.authCounter(slot, e.authCounter);
        txns.hold(slot, e.holdId, e.accountIndex, e.amount);
        txns.indexMatch(slot, MatchIndex.key(e.panHi, e.panLo, e.authCode, 0, e.rrn, 0, e.rrnLength));
        addOpen(e.accountIndex, e.amount);
        if (e.timeMillis >= nowMillis - velocityWindowMillis && store.readCard(panKey.set(e.panHi, e.panLo), card)) {
            card.velocity().record(e.timeMillis);
            store.writeCard(card);
        }
    }

    private void changed(HoldEvent e, byte state) {
        int slot = txns.find(e.keyA, e.keyB);
        if (slot >= 0) {
            txns.state(slot, state);
            txns.holdAmount(slot, e.amount);
            if (state == TxnTable.HOLD_CLOSED) {
                txns.unindexMatch(slot);
            }
        }
        addOpen(e.accountIndex, -e.released);
    }

    private void expired(HoldEvent e) {
        int slot = txns.find(e.keyA, e.keyB);
        if (slot >= 0) {
            txns.remove(slot);
            txns.oldest(); // drops the removed key from the head of the insertion order
        }
        addOpen(e.accountIndex, -e.released);
    }

    private void addOpen(int accountIndex, long delta) {
        checkIndex(accountIndex);
        openHolds[accountIndex] += delta;
    }

    private void checkIndex(int accountIndex) {
        if (accountIndex < 0 || accountIndex >= openHolds.length) {
            throw new IllegalStateException("journal names account index " + accountIndex
                    + " but the state store has " + store.accountCount() + " accounts: provision before recovering");
        }
    }

    /** Writes each account's open holds as the journal says and returns where the counters resume. */
    public EngineSeed finish(EngineSeed floor) {
        AccountState scratch = new AccountState();
        for (int i = 0; i < store.accountCount(); i++) {
            if (!store.readAccount(i, scratch)) {
                continue;
            }
            if (openHolds[i] < 0) {
                throw new IllegalStateException("journal leaves account index " + i + " with negative open holds");
            }
            long owed = outstandingKnown[i] ? outstanding[i] : scratch.outstanding();
            if (scratch.openHolds() != openHolds[i] || scratch.outstanding() != owed) {
                scratch.openHolds(openHolds[i]).outstanding(owed);
                store.writeAccount(scratch);
            }
        }
        return new EngineSeed(Math.max(floor.nextHoldId(), maxHoldId + 1),
                Math.max(floor.nextAuthCounter(), maxAuthCounter + 1));
    }

    public long events() {
        return events;
    }

    /** Clearing lines and payments the journal has applied (their posting ids). */
    public java.util.Set<Long> appliedPostings() {
        return appliedPostings;
    }

    /** The open holds the journal gives an account (for reconciliation). */
    public long openHolds(int accountIndex) {
        return openHolds[accountIndex];
    }
}
