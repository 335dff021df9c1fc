package io.tatekae.ledger;

/** The database could not be reached or failed mid-batch; nothing of the batch was applied. Retry later. */
public final class LedgerUnavailableException extends LedgerException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
