package io.tatekae.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The snapshot folder as a whole: the newest snapshot that verifies, and pruning to the newest few. */
public final class Snapshots {
    /** Section ids; never renumber (they are in the files). */
    public static final int ENGINE = 1;
    public static final int APPROVALS = 2;
    /** Billing's replayed state (io.tatekae.billing.BillingState); after the others, absent from older snapshots. */
    public static final int BILLING = 3;

    private static final System.Logger LOG = System.getLogger(Snapshots.class.getName());

    private Snapshots() {
    }

    /**
     * The newest snapshot at or below {@code atMostSequence} whose checksum verifies, opened; a newer
     * one that does not verify (torn by a crash, damaged) is logged and skipped for the one before it.
     */
    public static Optional<SnapshotReader> newestValid(Path directory, long atMostSequence) {
        for (long sequence : SnapshotFiles.sequences(directory)) {
            if (sequence > atMostSequence) {
                LOG.log(System.Logger.Level.WARNING, () -> "snapshot at sequence " + sequence + " is ahead of the journal ("
                        + atMostSequence + " committed); not used");
                continue;
            }
            try {
                return Optional.of(SnapshotReader.open(SnapshotFiles.path(directory, sequence)));
            } catch (SnapshotException e) {
                LOG.log(System.Logger.Level.WARNING, () -> e.getMessage() + "; trying the one before it");
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes all but the newest {@code keep} snapshots, and leftover temporary files; returns the
     * oldest kept sequence once {@code keep} snapshots exist, or -1 before that. The journal is trimmed
     * only up to what this returns, so a damaged newest snapshot always has an older one, or the
     * journal's first record, to start from instead.
     */
    public static long prune(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("snapshots to keep must be at least 1: " + keep);
        }
        if (!Files.isDirectory(directory)) {
            return -1; // none written yet (a new switch): nothing to prune, nothing to warn about
        }
        long[] sequences = SnapshotFiles.sequences(directory);
        for (int i = keep; i < sequences.length; i++) {
            delete(SnapshotFiles.path(directory, sequences[i]));
        }
        try (var files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().endsWith(SnapshotFiles.TEMPORARY)).forEach(Snapshots::delete);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "snapshots in " + directory + ": cannot list leftovers: " + e);
        }
        return sequences.length < keep ? -1 : sequences[keep - 1];
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "cannot delete " + file + ": " + e);
        }
    }
}
