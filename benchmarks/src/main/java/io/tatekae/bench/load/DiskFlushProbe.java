package io.tatekae.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How long the disk takes to make a journal commit durable right now: 256-byte writes into a
 * preallocated file, each followed by {@code fdatasync}, as the switch's journal does. The switch
 * waits for this on every money-changing answer and the echo and jPOS servers never do, so a compare
 * run prints it before each server: on a shared host the flush varies through the day (81 against
 * 121 µs at p50 on the same machine, hours apart), and the switch's latency with it.
 */
final class DiskFlushProbe {
    private static final int RECORD = 256;

    /** Percentiles of one probe, in microseconds. */
    record Result(long p50Micros, long p99Micros, long maxMicros, int commits) {
        @Override
        public String toString() {
            return String.format("disk flush (%d x 256-byte write + fdatasync, preallocated file): p50 %d us, p99 %d us,"
                    + " max %d us", commits, p50Micros, p99Micros, maxMicros);
        }
    }

    private DiskFlushProbe() {
    }

    /** Runs {@code commits} (1..100,000) commits in a scratch file in {@code dir}, deleted afterwards. */
    static Result run(Path dir, int commits) throws IOException {
        if (commits < 1 || commits > 100_000) {
            throw new IllegalArgumentException("disk flush probe: commits " + commits + " must be 1..100000");
        }
        Path file = Files.createTempFile(dir, "disk-flush-probe", ".dat");
        long[] nanos = new long[commits];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect(commits * RECORD);
            while (zeros.hasRemaining()) {
                channel.write(zeros, zeros.position());
            }
            channel.force(true);
            ByteBuffer record = ByteBuffer.allocateDirect(RECORD);
            for (int i = 0; i < commits; i++) {
                record.clear();
                long start = System.nanoTime();
                while (record.hasRemaining()) {
                    channel.write(record, (long) i * RECORD + record.position());
                }
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        return new Result(nanos[commits / 2] / 1000, nanos[Math.min(commits - 1, commits * 99 / 100)] / 1000,
                nanos[commits - 1] / 1000, commits);
    }
}
