package io.tatekae.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The append-only journal of money changes, the snapshots of what its replay rebuilds, and what
 * happens to the segments that a kept snapshot and the ledger both hold.
 *
 * @param retention            {@code delete}, {@code archive} (moved to {@code archiveDir}) or {@code keep}
 * @param snapshotEveryRecords a snapshot after this many journal records ...
 * @param snapshotEveryMinutes ... or this long after the last one, whichever comes first
 * @param snapshotsKept        the newest this many snapshots are kept (segments go only once the oldest kept holds them)
 */
public record JournalConfig(FsyncMode fsync, long segmentBytes, String retention, Path archiveDir,
                            long snapshotEveryRecords, int snapshotEveryMinutes, int snapshotsKept) {
    static final List<String> RETENTIONS = List.of("delete", "archive", "keep");
}
