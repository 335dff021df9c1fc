package io.tatekae.bench.load;

import java.util.Arrays;

/**
 * Which approving card the next request names: the cards in turn, round and round the whole pool,
 * so consecutive requests never name the same card and the server's card cache sees the whole pool.
 * Approvals (0100 approved, 0120) are counted per card: a card that has had {@code velocity} of them
 * is passed over for approvals, so no request meets the server's velocity rule. Sender thread only.
 */
final class CardCycle {
    private final int size;
    private final int velocity;
    private final int[] approvals;
    private int position;
    private int last = -1;
    private long approvalsIssued;

    /**
     * @param size     cards in the cycle (approving cards 0 .. size-1)
     * @param velocity approvals the server allows per card in its window; 0 for a server that keeps no
     *                 count (an echo server): the cycle then never runs out
     * @param used     approvals earlier runs took from this server: counted as spread evenly over the pool
     */
    CardCycle(int size, int velocity, long used) {
        if (size < 2) {
            throw new IllegalArgumentException("the cycle needs at least 2 cards, has " + size);
        }
        this.size = size;
        this.velocity = velocity;
        this.approvals = new int[size];
        if (velocity > 0 && used > 0) {
            int each = (int) Math.min(velocity, (used + size - 1) / size);
            Arrays.fill(approvals, each);
            approvalsIssued = (long) each * size;
        }
    }

    /** The next card for a request that uses no approval (balance inquiry, decline). */
    int next() {
        int c = advance();
        last = c;
        return c;
    }

    /** The next card that still has an approval left; counts the approval. */
    int nextForApproval() {
        for (int tries = 0; tries < size; tries++) {
            int c = advance();
            if (velocity == 0 || approvals[c] < velocity) {
                approvals[c]++;
                approvalsIssued++;
                last = c;
                return c;
            }
        }
        throw new Workload.CardsExhaustedException("every card has had its " + velocity + " approvals ("
                + size + " cards): provision more cards (scripts/load cards --count N) or start a fresh server");
    }

    /** A request outside the cycle named {@code card} (a reversal): the next one will not name it again. */
    void used(int card) {
        last = card;
    }

    /** The card the last request named, or -1. */
    int last() {
        return last;
    }

    private int advance() {
        int c = position;
        position = position + 1 == size ? 0 : position + 1;
        if (c == last) {
            c = position;
            position = position + 1 == size ? 0 : position + 1;
        }
        return c;
    }

    /** Approvals the pool still allows (Long.MAX_VALUE when the server counts none). */
    long approvalsLeft() {
        return velocity == 0 ? Long.MAX_VALUE : (long) velocity * size - approvalsIssued;
    }

    long approvalsIssued() {
        return approvalsIssued;
    }

    /** Approvals of card {@code c} so far. */
    int approvalsOf(int c) {
        return approvals[c];
    }

    int size() {
        return size;
    }
}
