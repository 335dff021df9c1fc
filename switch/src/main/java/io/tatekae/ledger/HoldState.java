package io.tatekae.ledger;

/** A hold is pending until it is posted (captured by clearing), voided (reversed) or expired: exactly once. */
public enum HoldState {
    PENDING,
    POSTED,
    VOIDED,
    EXPIRED
}
