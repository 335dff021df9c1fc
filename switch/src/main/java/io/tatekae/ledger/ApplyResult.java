package io.tatekae.ledger;

/**
 * What {@link Ledger#apply} did with a batch.
 *
 * @param applied      records that changed the ledger
 * @param rejected     records that could not apply (kept in {@code ledger_rejection}), e.g. a second void
 * @param skipped      records at or below the ledger's position: already applied before (a replay)
 * @param lastSequence the ledger's position after the batch
 */
public record ApplyResult(int applied, int rejected, int skipped, long lastSequence) {
}
