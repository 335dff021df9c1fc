package io.tatekae.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Removes journal segments nobody needs any more: those whose every record is at or below a bound
 * (what both a kept snapshot and the ledger already hold). They are deleted, or moved to an archive
 * folder; the segment being written is never touched. Safe while the writer appends and readers read
 * past the bound.
 */
public final class JournalTrimmer {
    public enum Mode {
        /** Segments past the bound are deleted. */
        DELETE,
        /** Segments past the bound are moved to the archive folder (for the operators to keep elsewhere). */
        ARCHIVE,
        /** Nothing is removed (the journal grows without bound). */
        KEEP
    }

    private static final System.Logger LOG = System.getLogger(JournalTrimmer.class.getName());

    private final Path directory;
    private final Mode mode;
    private final Path archive;

    public JournalTrimmer(Path directory, Mode mode, Path archive) {
        this.directory = directory;
        this.mode = mode;
        this.archive = archive;
    }

    /** Removes every segment whose last record is at or below {@code bound}; returns how many. */
    public int trimUpTo(long bound) {
        if (mode == Mode.KEEP || bound < 1) {
            return 0;
        }
        long[] firsts = JournalSegments.list(directory);
        int removed = 0;
        for (int i = 0; i + 1 < firsts.length && firsts[i + 1] - 1 <= bound; i++) {
            Path segment = JournalSegments.path(directory, firsts[i]);
            try {
                if (mode == Mode.ARCHIVE) {
                    Files.createDirectories(archive);
                    Files.move(segment, archive.resolve(segment.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(segment);
                }
                removed++;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "journal segment " + segment + ": cannot "
                        + (mode == Mode.ARCHIVE ? "archive" : "delete") + " it: " + e);
                break;
            }
        }
        if (removed > 0) {
            int n = removed;
            LOG.log(System.Logger.Level.INFO, () -> "journal: " + (mode == Mode.ARCHIVE ? "archived " : "deleted ") + n
                    + " segment(s) that a snapshot and the ledger both hold (up to sequence " + bound + ")");
        }
        return removed;
    }
}
