package io.tatekae.config;

/** The append-only journal of money changes that the ledger poster replays. */
public record JournalConfig(FsyncMode fsync, long segmentBytes) {
}
