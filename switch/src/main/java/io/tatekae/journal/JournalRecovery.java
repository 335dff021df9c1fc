package io.tatekae.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds the last valid record after a restart and truncates a torn tail behind it.
 * A record that fails its CRC is a torn tail only if no valid record follows it; otherwise the
 * journal is corrupted in the middle and recovery refuses to guess.
 */
final class JournalRecovery {
    private static final int SCAN_RECORDS = 1024;

    private JournalRecovery() {
    }

    /** Result: the segment to append to and the last valid sequence (0 when the journal is empty). */
    record State(long lastSegmentFirst, long lastSequence) {
    }

    static State recover(Path directory) {
        long[] firsts = JournalSegments.list(directory);
        if (firsts.length == 0) {
            return new State(1, 0);
        }
        for (int i = 0; i + 1 < firsts.length; i++) {
            checkSealedSegment(directory, firsts[i], firsts[i + 1]);
        }
        long lastFirst = firsts[firsts.length - 1];
        long validRecords = recoverTail(JournalSegments.path(directory, lastFirst), lastFirst);
        return new State(lastFirst, lastFirst + validRecords - 1);
    }

    private static void checkSealedSegment(Path directory, long first, long nextFirst) {
        Path path = JournalSegments.path(directory, first);
        try {
            long size = Files.size(path);
            long expected = (nextFirst - first) * JournalRecordCodec.RECORD_SIZE;
            if (size != expected) {
                throw new JournalCorruptedException("journal segment " + path + ": " + size + " bytes but the next segment "
                        + "starts at sequence " + nextFirst + ", so it must hold exactly " + expected + " bytes");
            }
        } catch (IOException e) {
            throw new JournalException("journal segment " + path + ": cannot read its size", e);
        }
    }

    /** @return the number of valid records kept in the last segment. */
    private static long recoverTail(Path path, long firstSequence) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long whole = size / JournalRecordCodec.RECORD_SIZE;
            long valid = countLeadingValid(channel, firstSequence, whole);
            if (valid < whole && anyValidAfter(channel, valid + 1, whole)) {
                throw new JournalCorruptedException("journal segment " + path + ": record at byte "
                        + valid * JournalRecordCodec.RECORD_SIZE + " (sequence " + (firstSequence + valid)
                        + ") is invalid but valid records follow it; refusing to truncate");
            }
            long keepBytes = valid * JournalRecordCodec.RECORD_SIZE;
            if (keepBytes < size) {
                channel.truncate(keepBytes);
                channel.force(true);
            }
            return valid;
        } catch (IOException e) {
            throw new JournalException("journal segment " + path + ": cannot recover", e);
        }
    }

    private static long countLeadingValid(FileChannel channel, long firstSequence, long records) throws IOException {
        ByteBuffer buffer = scanBuffer();
        JournalRecordCodec codec = new JournalRecordCodec();
        long index = 0;
        while (index < records) {
            int count = readChunk(channel, buffer, index, records);
            for (int i = 0; i < count; i++) {
                int offset = i * JournalRecordCodec.RECORD_SIZE;
                if (!codec.isValid(buffer, offset) || JournalRecordCodec.sequenceAt(buffer, offset) != firstSequence + index) {
                    return index;
                }
                index++;
            }
        }
        return index;
    }

    private static boolean anyValidAfter(FileChannel channel, long fromIndex, long records) throws IOException {
        ByteBuffer buffer = scanBuffer();
        JournalRecordCodec codec = new JournalRecordCodec();
        long index = fromIndex;
        while (index < records) {
            int count = readChunk(channel, buffer, index, records);
            for (int i = 0; i < count; i++) {
                if (codec.isValid(buffer, i * JournalRecordCodec.RECORD_SIZE)) {
                    return true;
                }
            }
            index += count;
        }
        return false;
    }

    private static int readChunk(FileChannel channel, ByteBuffer buffer, long index, long records) throws IOException {
        int count = (int) Math.min(SCAN_RECORDS, records - index);
        buffer.clear().limit(count * JournalRecordCodec.RECORD_SIZE);
        long position = index * JournalRecordCodec.RECORD_SIZE;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("segment shrank while recovering");
            }
        }
        return count;
    }

    private static ByteBuffer scanBuffer() {
        return ByteBuffer.allocateDirect(SCAN_RECORDS * JournalRecordCodec.RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }
}
