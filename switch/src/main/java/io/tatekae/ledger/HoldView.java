package io.tatekae.ledger;

/** A hold as stored in the ledger. */
public record HoldView(long holdId, String accountId, HoldState state, boolean forced, long authorizedAmount,
                       long pendingAmount, long capturedAmount, long placedSequence, long closedSequence,
                       String authCode, String rrn, String maskedPan) {
}
