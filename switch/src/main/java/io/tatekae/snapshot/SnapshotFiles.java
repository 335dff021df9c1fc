package io.tatekae.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The snapshot folder: {@code snapshot-<journal sequence, 20 digits>.snap}, written as a {@code .tmp}
 * file first and renamed when complete, so a name that ends in {@code .snap} is never half-written.
 */
public final class SnapshotFiles {
    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".snap";
    static final String TEMPORARY = ".tmp";

    private SnapshotFiles() {
    }

    static Path path(Path directory, long sequence) {
        return directory.resolve(PREFIX + String.format("%020d", sequence) + SUFFIX);
    }

    /** Journal sequences of the complete snapshot files, newest first. */
    public static long[] sequences(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new long[0];
        }
        List<Long> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    try {
                        found.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
                    } catch (NumberFormatException e) {
                        // not one of ours
                    }
                }
            });
        } catch (IOException e) {
            throw new SnapshotException("snapshots in " + directory + ": cannot list them", e);
        }
        return found.stream().sorted(Comparator.reverseOrder()).mapToLong(Long::longValue).toArray();
    }
}
