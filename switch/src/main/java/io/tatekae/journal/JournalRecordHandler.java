package io.tatekae.journal;

/** Receives records from a {@link JournalReader}. The record is reused: copy what must be kept. */
@FunctionalInterface
public interface JournalRecordHandler {
    void onRecord(JournalRecord record);
}
