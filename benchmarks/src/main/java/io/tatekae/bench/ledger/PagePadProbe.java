package io.tatekae.bench.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What writing a journal commit's last page to its end (the records, then zeros up to the page's end,
 * as {@code JournalWriter} does over a preallocated segment) costs the commit against writing the
 * records alone. Two zero-filled, forced files, one per mode; the modes alternate commit by commit, so
 * that the device's drift, which on this machine is larger than most differences, hits both alike.
 * Usage: {@code PagePadProbe [directory] [commits] [pauseMicros]} (default: the working directory,
 * 20000, 500); each commit is one 256-byte record at the next offset, then {@code force(false)}.
 */
public final class PagePadProbe {
    private static final int RECORD = 256;
    private static final int PAGE = 4096;
    private static final long FILE_BYTES = 64L << 20;
    private static final int CHUNK = 1 << 20;

    private PagePadProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long pauseNanos = (args.length > 2 ? Long.parseLong(args[2]) : 500) * 1_000;
        Path[] files = {dir.resolve("page-pad-probe-records.dat"), dir.resolve("page-pad-probe-padded.dat")};
        FileChannel[] channels = new FileChannel[2];
        long[][] nanos = new long[2][(commits + 1) / 2];
        try {
            for (int mode = 0; mode < 2; mode++) {
                channels[mode] = preallocated(files[mode]);
            }
            run(channels, nanos, commits, pauseNanos);
        } finally {
            for (int mode = 0; mode < 2; mode++) {
                if (channels[mode] != null) {
                    channels[mode].close();
                }
                Files.deleteIfExists(files[mode]);
            }
        }
        print("records only          ", nanos[0]);
        print("to the page's end     ", nanos[1]);
    }

    private static FileChannel preallocated(Path file) throws IOException {
        Files.deleteIfExists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK);
        for (long at = 0; at < FILE_BYTES; at += CHUNK) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, at + zeros.position());
            }
            channel.force(false);
        }
        return channel;
    }

    private static void run(FileChannel[] channels, long[][] nanos, int commits, long pauseNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(PAGE + RECORD);
        long[] position = new long[2];
        for (int i = 0; i < commits; i++) {
            int mode = i & 1;
            long at = position[mode];
            int length = mode == 0 ? RECORD : (int) ((at + RECORD + PAGE - 1) / PAGE * PAGE - at);
            buffer.clear().limit(length);
            for (int b = 0; b < RECORD; b++) {
                buffer.put(b, (byte) (i + b | 1));
            }
            long start = System.nanoTime();
            while (buffer.hasRemaining()) {
                channels[mode].write(buffer, at + buffer.position());
            }
            channels[mode].force(false);
            nanos[mode][i / 2] = System.nanoTime() - start;
            position[mode] = (at + RECORD) % FILE_BYTES;
            long until = System.nanoTime() + pauseNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    private static void print(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("%s n %d  p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f us%n", label, n,
                sorted[n / 2] / 1e3, sorted[(int) (n * 0.9)] / 1e3, sorted[(int) (n * 0.99)] / 1e3,
                sorted[(int) (n * 0.999)] / 1e3, sorted[n - 1] / 1e3);
    }
}
