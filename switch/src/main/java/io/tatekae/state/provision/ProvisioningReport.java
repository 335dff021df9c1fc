package io.tatekae.state.provision;

import java.util.List;

/**
 * Outcome of one provisioning file. {@code rejected} lists at most
 * {@link ProvisioningLoader#MAX_LISTED_REJECTS} lines; {@code rejectedCount} counts them all.
 */
public record ProvisioningReport(int linesRead, int accountsAdded, int accountsUpdated, int cardsAdded,
                                 int cardsUpdated, int rejectedCount, List<RejectedLine> rejected) {

    public ProvisioningReport {
        rejected = List.copyOf(rejected);
    }

    public boolean allLinesUsed() {
        return rejectedCount == 0;
    }

    /** Multi-line text for operators: the counts, then each rejected line. */
    public String describe() {
        StringBuilder sb = new StringBuilder()
                .append("lines read: ").append(linesRead).append('\n')
                .append("accounts added: ").append(accountsAdded).append(", updated: ").append(accountsUpdated).append('\n')
                .append("cards added: ").append(cardsAdded).append(", updated: ").append(cardsUpdated).append('\n')
                .append("lines rejected: ").append(rejectedCount).append('\n');
        for (RejectedLine r : rejected) {
            sb.append("  ").append(r).append('\n');
        }
        if (rejectedCount > rejected.size()) {
            sb.append("  ... and ").append(rejectedCount - rejected.size()).append(" more\n");
        }
        return sb.toString();
    }
}
