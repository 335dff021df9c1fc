package io.tatekae.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the journal writer opens a segment file: on the disk, or (in fault tests) through a channel that fails on demand. */
@FunctionalInterface
public interface SegmentFiles {
    /** Opens the segment for reading and writing, creating it if absent. */
    FileChannel open(Path segment) throws IOException;

    SegmentFiles DISK = segment -> FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
}
