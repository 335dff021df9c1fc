package io.tatekae.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the journal forward from a sequence, following segment rolls; usable as a tailer of a live
 * journal. {@link #poll} never reads past the bound it is given (a writer's committed sequence), so it
 * never sees a half-written batch. A record at or below that bound that fails its CRC is corruption;
 * with no bound ({@link #UNBOUNDED}) an invalid record is taken as the torn tail of a crash and ends the read.
 */
public final class JournalReader implements AutoCloseable {
    public static final long UNBOUNDED = Long.MAX_VALUE;
    private static final int RECORD = JournalRecordCodec.RECORD_SIZE;
    private static final int CHUNK_RECORDS = 256;

    private final Path directory;
    private final JournalRecordCodec codec = new JournalRecordCodec();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_RECORDS * RECORD).order(ByteOrder.LITTLE_ENDIAN);
    private final JournalRecord record = new JournalRecord();
    private FileChannel channel;
    private long segmentFirst;
    private long nextSequence;

    private JournalReader(Path directory, long fromSequence) {
        this.directory = directory;
        this.nextSequence = fromSequence;
    }

    /** The sequence of the first record the journal still holds (its first segment's), or 0 when it has none. */
    public static long firstSequence(Path directory) {
        long[] firsts = JournalSegments.list(directory);
        return firsts.length == 0 ? 0 : firsts[0];
    }

    /** A reader whose first record will be {@code fromSequence} (which may not be written yet). */
    public static JournalReader open(Path directory, long fromSequence) {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("journal reader: fromSequence " + fromSequence + " must be >= 1");
        }
        return new JournalReader(directory, fromSequence);
    }

    /** The sequence of the next record this reader will deliver. */
    public long nextSequence() {
        return nextSequence;
    }

    /**
     * Delivers up to {@code maxRecords} records with sequences up to {@code upToSequence} to the handler.
     *
     * @return the number delivered (0 when nothing new is available yet)
     */
    public int poll(JournalRecordHandler handler, int maxRecords, long upToSequence) {
        int delivered = 0;
        try {
            while (delivered < maxRecords && nextSequence <= upToSequence) {
                if (!ensureSegment()) {
                    return missing(delivered, upToSequence);
                }
                int wanted = (int) Math.min(Math.min(CHUNK_RECORDS, maxRecords - delivered), upToSequence - nextSequence + 1);
                int available = readRecords(wanted);
                if (available == 0) {
                    if (!advanceSegment()) {
                        return missing(delivered, upToSequence);
                    }
                    continue;
                }
                for (int i = 0; i < available; i++) {
                    if (!deliver(i * RECORD, handler, upToSequence)) {
                        return delivered;
                    }
                    delivered++;
                }
            }
            return delivered;
        } catch (IOException e) {
            throw new JournalException("journal " + directory + ": cannot read at sequence " + nextSequence, e);
        }
    }

    /** Nothing more on disk: normal at the live tail, corruption when the bound says it was committed. */
    private int missing(int delivered, long upToSequence) {
        if (upToSequence != UNBOUNDED) {
            throw new JournalCorruptedException("journal " + directory + ": committed sequence " + nextSequence
                    + " is not on disk");
        }
        return delivered;
    }

    private boolean deliver(int offset, JournalRecordHandler handler, long upToSequence) {
        boolean valid = codec.isValid(buffer, offset);
        if (!valid || JournalRecordCodec.sequenceAt(buffer, offset) != nextSequence) {
            if (upToSequence == UNBOUNDED) {
                return false;
            }
            throw new JournalCorruptedException("journal " + directory + ": record for committed sequence " + nextSequence
                    + (valid ? " carries sequence " + JournalRecordCodec.sequenceAt(buffer, offset) : " fails its CRC"));
        }
        codec.decode(buffer, offset, record);
        handler.onRecord(record);
        nextSequence++;
        return true;
    }

    /** Reads up to {@code wanted} whole records at {@link #nextSequence}; returns how many arrived. */
    private int readRecords(int wanted) throws IOException {
        buffer.clear().limit(wanted * RECORD);
        long position = (nextSequence - segmentFirst) * RECORD;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read <= 0) {
                break;
            }
        }
        return buffer.position() / RECORD;
    }

    private boolean ensureSegment() throws IOException {
        if (channel != null) {
            return true;
        }
        long[] firsts = JournalSegments.list(directory);
        if (firsts.length > 0 && nextSequence < firsts[0]) {
            throw new JournalException("journal " + directory + ": starts at sequence " + firsts[0]
                    + ", cannot read from " + nextSequence + " (the segments before it were deleted or archived:"
                    + " put back a snapshot that covers them, or the archived segments)");
        }
        long first = JournalSegments.segmentContaining(firsts, nextSequence);
        if (first < 0) {
            return false;
        }
        openSegment(first);
        return true;
    }

    /** At the end of the current segment: moves on when the writer has rolled to a segment starting here. */
    private boolean advanceSegment() throws IOException {
        Path next = JournalSegments.path(directory, nextSequence);
        if (nextSequence == segmentFirst || !Files.exists(next)) {
            return false;
        }
        channel.close();
        openSegment(nextSequence);
        return true;
    }

    private void openSegment(long first) throws IOException {
        channel = FileChannel.open(JournalSegments.path(directory, first), StandardOpenOption.READ);
        segmentFirst = first;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new JournalException("journal " + directory + ": cannot close reader", e);
            }
            channel = null;
        }
    }
}
