package io.tatekae.payments;

import io.tatekae.billing.PaymentMethod;

/**
 * One valid line of the payment agents' daily file (billing.md §3). {@code postingId} is its identity,
 * its idempotency key: the same {@code id} is the same payment, through the file or the single command.
 */
public record PaymentLine(int lineNumber, String id, String account, long amount, PaymentMethod method,
                          long paidAtMillis, long postingId) {
}
