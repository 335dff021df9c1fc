package io.tatekae.journal;

/** The journal could not be read or written. A caller that cannot journal must not approve. */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
