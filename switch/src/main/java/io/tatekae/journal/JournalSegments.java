package io.tatekae.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Segment files are named by the sequence of their first record: {@code segment-00000000000000000001.journal}. */
final class JournalSegments {
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".journal";

    private JournalSegments() {
    }

    static Path path(Path directory, long firstSequence) {
        return directory.resolve(PREFIX + String.format("%020d", firstSequence) + SUFFIX);
    }

    /** First sequences of the segments present, ascending. */
    static long[] list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new long[0];
        }
        List<Long> firsts = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                    try {
                        firsts.add(Long.parseLong(digits));
                    } catch (NumberFormatException e) {
                        throw new JournalException("journal " + directory + ": unexpected segment file name " + name);
                    }
                }
            });
        } catch (IOException e) {
            throw new JournalException("journal " + directory + ": cannot list segments", e);
        }
        return firsts.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The segment holding {@code sequence}, or -1 when it is before the first segment. */
    static long segmentContaining(long[] firsts, long sequence) {
        long found = -1;
        for (long first : firsts) {
            if (first <= sequence) {
                found = first;
            }
        }
        return found;
    }
}
