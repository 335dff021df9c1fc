package io.tatekae.journal;

/** A record that should be valid is not (bad CRC or sequence away from the tail): needs an operator. */
public final class JournalCorruptedException extends JournalException {
    public JournalCorruptedException(String message) {
        super(message);
    }
}
