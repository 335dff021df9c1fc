package io.tatekae.ledger;

/**
 * An account as the ledger sees it, for reconciling with the switch's memory.
 *
 * @param openHolds total of the account's pending holds (yen)
 * @param posted    what the account owes: captured and forced posts minus refunds and payments (yen)
 */
public record AccountBalance(String accountId, int accountIndex, long openHolds, long posted) {
}
