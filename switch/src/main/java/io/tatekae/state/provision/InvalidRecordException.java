package io.tatekae.state.provision;

/** A provisioning line that cannot be used; the message is the operator-facing reason (no full PAN). */
final class InvalidRecordException extends Exception {
    InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
