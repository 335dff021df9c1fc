package io.tatekae.payments;

import io.tatekae.engine.Postings;
import io.tatekae.state.MaskedPan;
import io.tatekae.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Applies payment lines on the decision thread: each lowers what its account owes at once (billing
 * allocates it to the oldest statement first, on time or late by its paidAt); a payment id applied
 * before, through the file or the single command, is counted as a duplicate and changes nothing.
 */
public final class PaymentApplier {
    private final StateStore store;
    private final Postings postings;

    public PaymentApplier(StateStore store, Postings postings) {
        this.store = store;
        this.postings = postings;
    }

    public void apply(List<PaymentLine> lines, PaymentFileSummary summary) {
        for (PaymentLine line : lines) {
            int index = store.accountIndex(line.account());
            if (index < 0) {
                summary.reject(line.lineNumber(), "account: no account " + line.account());
            } else if (postings.applied(line.postingId())) {
                summary.duplicates++;
            } else {
                byte[] reference = reference(line.id());
                postings.payment(index, line.amount(), line.postingId(), line.paidAtMillis(), line.method().code(),
                        reference, reference.length);
                summary.applied++;
                summary.appliedYen += line.amount();
            }
        }
    }

    /** The payer's reference as journaled: printable, long digit runs masked, at most 45 bytes. */
    public static byte[] reference(String id) {
        return MaskedPan.maskDigitRuns(id, PaymentFileParser.MAX_ID_CHARS).getBytes(StandardCharsets.US_ASCII);
    }
}
