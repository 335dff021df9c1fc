package io.tatekae.snapshot;

/** A snapshot could not be written or read; the message names the file. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }

    public SnapshotException(String message) {
        super(message);
    }
}
