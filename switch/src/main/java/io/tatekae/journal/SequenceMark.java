package io.tatekae.journal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One journal sequence number shared between processes through a small memory-mapped file: the
 * journal writer publishes how far the poster may read ({@code committed.mark}), a poster publishes
 * how far the ledger holds ({@code posted.mark}). A publish is one ordered store into shared memory
 * (no system call), so the decision thread can do it once per batch; a reader in another process sees
 * it through the same page cache. The file is not forced: after a power loss its owner rewrites it at
 * start from what the journal or the ledger really holds. The mapping lives as long as the object (java.nio
 * has no public unmap; 16 bytes per process).
 */
public final class SequenceMark {
    public static final String COMMITTED = "committed.mark";
    public static final String POSTED = "posted.mark";

    private static final long MAGIC = 0x544B_5345_514D_4B31L; // "TKSEQMK1"
    private static final int SIZE = 16;
    private static final int SEQUENCE_OFFSET = 8;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final MappedByteBuffer map;

    private SequenceMark(Path path, MappedByteBuffer map) {
        this.path = path;
        this.map = map;
    }

    /** Opens the mark for publishing, creating it (at sequence 0) when missing. */
    public static SequenceMark openForWriting(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long size = ch.size();
                if (size != 0 && size != SIZE) {
                    throw new JournalException(file + ": not a sequence mark (" + size + " bytes, expected " + SIZE
                            + "); delete it, its owner rewrites it at start");
                }
                SequenceMark mark = new SequenceMark(file, ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
                if (size == 0) {
                    LONGS.setRelease(mark.map, SEQUENCE_OFFSET, 0L);
                    LONGS.setRelease(mark.map, 0, MAGIC);
                } else {
                    mark.checkMagic();
                }
                return mark;
            }
        } catch (IOException e) {
            throw new JournalException(file + ": cannot open the sequence mark for writing", e);
        }
    }

    /** Opens an existing mark read-only; fails with a clear message when its owner has never started. */
    public static SequenceMark openForReading(Path file) {
        if (!Files.exists(file)) {
            throw new JournalException(file + ": no sequence mark yet (start the switch once first: it creates it)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != SIZE) {
                throw new JournalException(file + ": not a sequence mark (" + ch.size() + " bytes, expected " + SIZE + ")");
            }
            SequenceMark mark = new SequenceMark(file, ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE));
            mark.checkMagic();
            return mark;
        } catch (IOException e) {
            throw new JournalException(file + ": cannot open the sequence mark", e);
        }
    }

    /** Publishes {@code sequence}; later reads in any process see it or a later value. */
    public void publish(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException(path + ": sequence " + sequence + " < 0");
        }
        LONGS.setRelease(map, SEQUENCE_OFFSET, sequence);
    }

    public long read() {
        return (long) LONGS.getAcquire(map, SEQUENCE_OFFSET);
    }

    public Path path() {
        return path;
    }

    private void checkMagic() {
        long magic = (long) LONGS.getAcquire(map, 0);
        if (magic != MAGIC) {
            throw new JournalException(path + ": not a sequence mark (bad magic " + Long.toHexString(magic) + ")");
        }
    }
}
