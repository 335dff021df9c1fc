package io.tatekae.journal;

import java.nio.file.Path;

/**
 * Where and how the journal is written.
 *
 * @param directory        the journal directory, usually {@code <dataDir>/journal}
 * @param segmentBytes     size at which a segment file is rolled; a multiple of the record size (256 bytes)
 * @param maxBatchRecords  records buffered between commits before the buffer is written out early
 * @param fsyncPolicy      when commit forces to disk
 * @param fsyncIntervalMs  for {@link FsyncPolicy#BATCH_MS}: at most this long between forces
 */
public record JournalConfig(Path directory, long segmentBytes, int maxBatchRecords, FsyncPolicy fsyncPolicy,
                            long fsyncIntervalMs) {
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_RECORDS = 1024;
    static final long MAX_SEGMENT_BYTES = 1L << 30;

    public JournalConfig {
        if (directory == null) {
            throw new IllegalArgumentException("journal directory: missing");
        }
        if (segmentBytes < JournalRecordCodec.RECORD_SIZE || segmentBytes > MAX_SEGMENT_BYTES
                || segmentBytes % JournalRecordCodec.RECORD_SIZE != 0) {
            throw new IllegalArgumentException("journal segmentBytes: " + segmentBytes + " must be a multiple of "
                    + JournalRecordCodec.RECORD_SIZE + " between " + JournalRecordCodec.RECORD_SIZE + " and " + MAX_SEGMENT_BYTES);
        }
        if (maxBatchRecords < 1 || maxBatchRecords > 65_536) {
            throw new IllegalArgumentException("journal maxBatchRecords: " + maxBatchRecords + " must be 1..65536");
        }
        if (fsyncPolicy == null) {
            throw new IllegalArgumentException("journal fsyncPolicy: missing (DURABLE, BATCH_MS or NONE)");
        }
        if (fsyncPolicy == FsyncPolicy.BATCH_MS && (fsyncIntervalMs < 1 || fsyncIntervalMs > 10_000)) {
            throw new IllegalArgumentException("journal fsyncIntervalMs: " + fsyncIntervalMs + " must be 1..10000 for BATCH_MS");
        }
    }

    /** 64 MiB segments, durable commits. */
    public static JournalConfig durable(Path directory) {
        return new JournalConfig(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BATCH_RECORDS, FsyncPolicy.DURABLE, 0);
    }

    public JournalConfig withSegmentBytes(long bytes) {
        return new JournalConfig(directory, bytes, maxBatchRecords, fsyncPolicy, fsyncIntervalMs);
    }

    public JournalConfig withFsync(FsyncPolicy policy, long intervalMs) {
        return new JournalConfig(directory, segmentBytes, maxBatchRecords, policy, intervalMs);
    }

    public JournalConfig withMaxBatchRecords(int records) {
        return new JournalConfig(directory, segmentBytes, records, fsyncPolicy, fsyncIntervalMs);
    }

    long recordsPerSegment() {
        return segmentBytes / JournalRecordCodec.RECORD_SIZE;
    }
}
