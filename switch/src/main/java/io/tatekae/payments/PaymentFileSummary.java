package io.tatekae.payments;

import java.util.ArrayList;
import java.util.List;

/** What applying a payment file did (billing.md §8): lines read, applied, duplicates, rejected lines with reasons. */
public final class PaymentFileSummary {
    public static final int MAX_LISTED_REJECTS = 1_000;

    public int linesRead;
    public int applied;
    public long appliedYen;
    public int duplicates;
    public int rejected;
    public final List<PaymentFileParser.Rejected> rejectedLines = new ArrayList<>();
    /** Set when a journal commit failed: the lines from this one on were not applied. */
    public String stoppedAt;

    public void reject(int line, String reason) {
        rejected++;
        if (rejectedLines.size() < MAX_LISTED_REJECTS) {
            rejectedLines.add(new PaymentFileParser.Rejected(line, reason));
        }
    }

    public void add(PaymentFileSummary part) {
        applied += part.applied;
        appliedYen += part.appliedYen;
        duplicates += part.duplicates;
        part.rejectedLines.forEach(r -> reject(r.line(), r.reason()));
    }
}
