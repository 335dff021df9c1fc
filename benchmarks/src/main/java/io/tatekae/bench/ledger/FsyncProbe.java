package io.tatekae.bench.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What a journal commit's {@code fdatasync} costs on this disk when the file grows with each write
 * versus when its blocks were zero-filled and forced beforehand (what the journal's segment
 * preallocation does). Alternates the two modes round by round so drift in the device hits both.
 * Usage: {@code FsyncProbe [directory] [rounds] [writesPerRound]} (default: the working directory, 12, 400);
 * each write is 1 KiB (four journal records) at the next offset, then {@code force(false)}.
 */
public final class FsyncProbe {
    private static final int WRITE_BYTES = 1024;

    private FsyncProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int writes = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        long[] growing = new long[rounds * writes];
        long[] preallocated = new long[rounds * writes];
        for (int round = 0; round < rounds; round++) {
            probe(dir.resolve("fsync-probe-growing.dat"), false, growing, round * writes, writes);
            probe(dir.resolve("fsync-probe-preallocated.dat"), true, preallocated, round * writes, writes);
        }
        print("file grows      ", growing);
        print("preallocated    ", preallocated);
    }

    private static void probe(Path file, boolean preallocate, long[] nanos, int from, int writes) throws IOException {
        Files.deleteIfExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (preallocate) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(writes * WRITE_BYTES);
                while (zeros.hasRemaining()) {
                    channel.write(zeros, zeros.position());
                }
                channel.force(true);
            }
            ByteBuffer record = ByteBuffer.allocateDirect(WRITE_BYTES);
            for (int i = 0; i < writes; i++) {
                record.clear();
                long start = System.nanoTime();
                channel.write(record, (long) i * WRITE_BYTES);
                channel.force(false);
                nanos[from + i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void print(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("%s p50 %4d us  p90 %4d us  p99 %4d us  p99.9 %5d us  (%d writes + fdatasync)%n", label,
                sorted[n / 2] / 1000, sorted[n * 9 / 10] / 1000, sorted[n * 99 / 100] / 1000, sorted[n * 999 / 1000] / 1000, n);
    }
}
