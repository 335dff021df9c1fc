package io.tatekae.billing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What billing changed in the current batch, until the journal commits it: a copy of each account's
 * book as it was before the batch first touched it, the undo of the store changes made at once (what
 * the account owes), and the store changes that wait for the commit (limits, direct debit, a new card's
 * activation), so that a crash before the commit cannot leave a change the journal does not know.
 */
final class BillingBatch {
    private final Map<Integer, AccountBook> before = new LinkedHashMap<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** Card limits changed in this batch and not yet written (the store still has the old ones). */
    private final Map<BillingState.CardKey, Long> cardLimits = new HashMap<>();

    boolean isEmpty() {
        return before.isEmpty() && undo.isEmpty() && afterCommit.isEmpty();
    }

    /** Keeps a copy of the account's book before its first change in this batch. */
    void touch(BillingState state, int index) {
        if (!before.containsKey(index)) {
            AccountBook book = state.book(index);
            before.put(index, book == null ? null : book.copy());
        }
    }

    void undo(Runnable r) {
        undo.add(r);
    }

    void afterCommit(Runnable r) {
        afterCommit.add(r);
    }

    void cardLimit(long hi, long lo, long limit) {
        cardLimits.put(new BillingState.CardKey(hi, lo), limit);
    }

    /** The card's limit as this batch left it, or -1 when the batch did not change it. */
    long cardLimit(long hi, long lo) {
        return cardLimits.getOrDefault(new BillingState.CardKey(hi, lo), -1L);
    }

    void committed() {
        for (Runnable r : afterCommit) {
            r.run();
        }
        clear();
    }

    void failed(BillingState state) {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        before.forEach(state::restore);
        clear();
    }

    private void clear() {
        before.clear();
        undo.clear();
        afterCommit.clear();
        cardLimits.clear();
    }
}
