package io.tatekae.ledger;

/**
 * An account whose totals in {@code ledger_account} disagree with its rows: open holds against the
 * pending amounts of its pending holds and against the pending deltas of its transfers; posted against
 * the posted deltas of its transfers. The batch that changes rows changes totals in the same
 * transaction, so none is expected; one means the database lost part of a transaction or was edited.
 */
public record TotalsDifference(String accountId, long openHolds, long pendingHoldRows, long pendingTransfers,
                               long posted, long postedTransfers) {
    @Override
    public String toString() {
        return "ledger account " + accountId + ": open holds " + openHolds + " yen but its pending holds sum to "
                + pendingHoldRows + " and its transfers to " + pendingTransfers + "; posted " + posted
                + " yen but its transfers sum to " + postedTransfers;
    }
}
