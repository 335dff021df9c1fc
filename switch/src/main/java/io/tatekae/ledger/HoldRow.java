package io.tatekae.ledger;

/** A hold while a batch is being planned: loaded from the database or created by the batch. */
final class HoldRow {
    long holdId;
    String accountId;
    HoldState state;
    boolean forced;
    long authorizedAmount;
    long pendingAmount;
    long capturedAmount;
    int plan;
    long placedSeq;
    long placedAt;
    long closedSeq;
    long closedAt;
    String authCode;
    String rrn;
    int stan;
    String maskedPan;
    /** Created by this batch (INSERT) rather than loaded (UPDATE). */
    boolean isNew;
    boolean changed;
    /** State when loaded: an update only applies if the row still has it. */
    HoldState loadedState;

    HoldView view() {
        return new HoldView(holdId, accountId, state, forced, authorizedAmount, pendingAmount, capturedAmount, placedSeq,
                closedSeq, authCode, rrn, maskedPan);
    }
}
