package io.tatekae.billing;

import java.util.List;

/**
 * An account as the app and support see it (billing.md §8), taken on the decision thread: what the next
 * authorization sees, not the ledger's lagging copy.
 *
 * @param available the account's own line: its credit limit less what it owes and holds (a card may
 *                  have less: its own limit caps it, see each card's {@code available})
 */
public record AccountView(String id, String status, long creditLimit, boolean directDebit, long available, long owed,
                          long openHolds, long points, List<CardLine> cards, List<StatementLine> statements,
                          List<Change> changes) {
    public record CardLine(String maskedPan, long limit, String status, long available) {
    }

    public record StatementLine(int month, long carriedOver, long purchases, long refunds, long planFee, long billingFee,
                                long pointsUsed, long amountDue, int dueDate, long paid, String state) {
    }
}
