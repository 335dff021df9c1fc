package io.tatekae.engine;

import io.tatekae.state.AccountTable;
import io.tatekae.state.CardTable;
import io.tatekae.state.LiveState;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Rebuilds the engine's in-memory state from the journal (the record of truth) after any stop or
 * crash: the table of open and closed holds (so reversals and duplicates find their originals), each
 * account's open holds, each card's recent approvals for velocity, and where the hold-id and
 * approval-code counters resume. The state store is only a cache: what it said is overwritten.
 * Outstanding: an account's is its last OUTSTANDING_SET (an opening balance provisioning gave; 0 when
 * there is none) plus every capture and forced post, less every refund and payment, after it; an
 * account the journal never mentions keeps what the store says. Clearing and payment ids seen are
 * collected so that none applies twice.
 * <p>
 * The same replay runs in the snapshot writer, on a table and approval log of its own; what it has
 * rebuilt up to a journal position is {@link #exportTo written} as a snapshot, and the switch starts
 * from the newest snapshot ({@link #importFrom}) and replays only the journal after it.
 */
public final class EngineRecovery {
    private static final long SNAPSHOT_FORMAT = 1;

    private final RecentApprovals approvals;
    private final int maxAccounts;
    private final TxnTable txns;
    private final long velocityWindowMillis;
    private final long nowMillis;
    private long[] openHolds;
    private long[] outstanding;
    private boolean[] outstandingKnown;
    private int accountsSeen;
    private final Set<Long> appliedPostings = new HashSet<>();
    private long maxHoldId;
    private long maxAuthCounter = -1;
    private long events;

    /** For the switch: velocity goes to its card table (in memory only: the cards' start empty and replay fills them). */
    public EngineRecovery(LiveState state, TxnTable txns, PolicySettings policy, long nowMillis) {
        this(txns, cardTableApprovals(state.cards()), policy, nowMillis, state.accounts().size());
    }

    /**
     * @param approvals   where approvals inside the velocity window go
     * @param maxAccounts account indexes the journal may name (the state store's count; any for a snapshot writer)
     */
    public EngineRecovery(TxnTable txns, RecentApprovals approvals, PolicySettings policy, long nowMillis, int maxAccounts) {
        this.approvals = approvals;
        this.maxAccounts = maxAccounts;
        this.txns = txns;
        this.velocityWindowMillis = policy.velocityWindowMillis;
        this.nowMillis = nowMillis;
        this.openHolds = new long[Math.max(1, Math.min(maxAccounts, 1 << 16))];
        this.outstanding = new long[openHolds.length];
        this.outstandingKnown = new boolean[openHolds.length];
    }

    private static RecentApprovals cardTableApprovals(CardTable cards) {
        return (panHi, panLo, timeMillis) -> {
            int card = cards.find(panHi, panLo);
            if (card >= 0) {
                cards.recordApproval(card, timeMillis);
            }
        };
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
            if (!txns.makeRoom(1)) {
                throw new IllegalStateException("journal holds more open holds than holds.maxOpenHolds ("
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
        if (e.timeMillis >= nowMillis - velocityWindowMillis) {
            approvals.record(e.panHi, e.panLo, e.timeMillis);
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
            txns.dropStaleHeads(); // the removed key is usually at the head of the insertion order
        }
        addOpen(e.accountIndex, -e.released);
    }

    private void addOpen(int accountIndex, long delta) {
        checkIndex(accountIndex);
        openHolds[accountIndex] += delta;
    }

    private void checkIndex(int accountIndex) {
        if (accountIndex < 0 || accountIndex >= maxAccounts) {
            throw new IllegalStateException("journal names account index " + accountIndex
                    + " but the state store has " + maxAccounts + " accounts: provision before recovering");
        }
        if (accountIndex >= openHolds.length) {
            int length = (int) Math.min(maxAccounts, Math.max(2L * openHolds.length, accountIndex + 1L));
            openHolds = Arrays.copyOf(openHolds, length);
            outstanding = Arrays.copyOf(outstanding, length);
            outstandingKnown = Arrays.copyOf(outstandingKnown, length);
        }
        accountsSeen = Math.max(accountsSeen, accountIndex + 1);
    }

    /** Sets each account's open holds and outstanding as the journal says and returns where the counters resume. */
    public EngineSeed finish(EngineSeed floor, AccountTable accounts) {
        for (int i = 0; i < accounts.size(); i++) {
            long open = i < accountsSeen ? openHolds[i] : 0;
            if (open < 0) {
                throw new IllegalStateException("journal leaves account index " + i + " with negative open holds");
            }
            if (accounts.openHolds(i) != open) {
                accounts.openHolds(i, open);
            }
            if (i < accountsSeen && outstandingKnown[i] && accounts.outstanding(i) != outstanding[i]) {
                accounts.outstanding(i, outstanding[i]);
            }
        }
        return new EngineSeed(Math.max(floor.nextHoldId(), maxHoldId + 1),
                Math.max(floor.nextAuthCounter(), maxAuthCounter + 1));
    }

    public long events() {
        return events;
    }

    /** Clearing lines and payments the journal has applied (their posting ids). */
    public Set<Long> appliedPostings() {
        return appliedPostings;
    }

    /** The open holds the journal gives an account (for reconciliation). */
    public long openHolds(int accountIndex) {
        return accountIndex < accountsSeen ? openHolds[accountIndex] : 0;
    }

    /**
     * Writes what the replay has rebuilt (not the approvals: a snapshot writer's {@link ApprovalLog}
     * writes its own): the counters, each account's open holds and outstanding, the posting ids
     * applied, and the transaction table.
     */
    public void exportTo(LongSink out) {
        out.put(SNAPSHOT_FORMAT);
        out.put(events);
        out.put(maxHoldId);
        out.put(maxAuthCounter);
        out.put(accountsSeen);
        for (int i = 0; i < accountsSeen; i++) {
            out.put(openHolds[i]);
            out.put(outstanding[i]);
            out.put(outstandingKnown[i] ? 1 : 0);
        }
        out.put(appliedPostings.size());
        for (long id : appliedPostings) {
            out.put(id);
        }
        txns.exportEntries(out);
    }

    /** Reads approvals an {@link ApprovalLog} wrote, keeping those inside the velocity window now. */
    public void importApprovals(LongSource in) {
        ApprovalLog.importInto(in, approvals, nowMillis - velocityWindowMillis);
    }

    /** Continues from what {@link #exportTo} wrote, before the journal after it is applied. */
    public void importFrom(LongSource in) {
        long format = in.next();
        if (format != SNAPSHOT_FORMAT) {
            throw new IllegalStateException("snapshot engine format " + format + " is not " + SNAPSHOT_FORMAT);
        }
        events = in.next();
        maxHoldId = in.next();
        maxAuthCounter = in.next();
        long accounts = in.next();
        for (int i = 0; i < accounts; i++) {
            checkIndex(i);
            openHolds[i] = in.next();
            outstanding[i] = in.next();
            outstandingKnown[i] = in.next() == 1;
        }
        long ids = in.next();
        for (long n = 0; n < ids; n++) {
            appliedPostings.add(in.next());
        }
        txns.importEntries(in);
    }
}
