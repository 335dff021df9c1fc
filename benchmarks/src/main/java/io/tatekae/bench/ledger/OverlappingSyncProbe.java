package io.tatekae.bench.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Whether this disk completes a journal's {@code fdatasync}s in parallel when they overlap: each of N threads
 * writes 1 KiB at the next offset of its own region of one preallocated file and forces it, again and again,
 * for a fixed time. With N = 1 that is the journal as it is (one sync at a time); if syncs overlapped for free,
 * N = 2 would give twice the syncs a second at the same latency, and a pass's sync would not need to wait for
 * the previous one. Alternates the thread counts round by round so drift in the device hits each.
 * Usage: {@code OverlappingSyncProbe [directory] [rounds] [secondsPerRun]} (default: the working directory, 6, 3).
 */
public final class OverlappingSyncProbe {
    private static final int WRITE_BYTES = 1024;
    private static final int REGION_WRITES = 1 << 16;
    private static final int[] THREADS = {1, 2, 4};
    private static final int MAX_SAMPLES = 1 << 20;

    private OverlappingSyncProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        long runNanos = (args.length > 2 ? Long.parseLong(args[2]) : 3) * 1_000_000_000L;
        Path file = dir.resolve("overlapping-sync-probe.dat");
        int maxThreads = Arrays.stream(THREADS).max().orElseThrow();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            SyncModeProbe.zeroFill(channel, (long) maxThreads * REGION_WRITES * WRITE_BYTES);
            Samples[] byThreads = new Samples[THREADS.length];
            for (int t = 0; t < THREADS.length; t++) {
                byThreads[t] = new Samples();
            }
            for (int round = 0; round < rounds; round++) {
                for (int t = 0; t < THREADS.length; t++) {
                    run(channel, THREADS[t], runNanos, byThreads[t]);
                }
            }
            for (int t = 0; t < THREADS.length; t++) {
                byThreads[t].print(THREADS[t], rounds * runNanos);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void run(FileChannel channel, int threads, long runNanos, Samples samples) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int region = i;
            perThread[i] = new long[MAX_SAMPLES / threads];
            workers[i] = Thread.ofPlatform().start(() -> counts[region] = syncLoop(channel, region, start, runNanos,
                    perThread[region]));
        }
        start.countDown();
        for (int i = 0; i < threads; i++) {
            workers[i].join();
            samples.add(perThread[i], counts[i]);
        }
    }

    private static int syncLoop(FileChannel channel, int region, CountDownLatch start, long runNanos, long[] nanos) {
        ByteBuffer record = ByteBuffer.allocateDirect(WRITE_BYTES);
        long base = (long) region * REGION_WRITES * WRITE_BYTES;
        try {
            start.await();
            long end = System.nanoTime() + runNanos;
            int n = 0;
            while (n < nanos.length && System.nanoTime() < end) {
                record.clear();
                long began = System.nanoTime();
                channel.write(record, base + (long) (n % REGION_WRITES) * WRITE_BYTES);
                channel.force(false);
                nanos[n++] = System.nanoTime() - began;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Every sync's latency over all rounds of one thread count. */
    private static final class Samples {
        private long[] nanos = new long[1024];
        private int size;

        void add(long[] values, int count) {
            if (size + count > nanos.length) {
                nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, size + count));
            }
            System.arraycopy(values, 0, nanos, size, count);
            size += count;
        }

        void print(int threads, long totalNanos) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            System.out.printf("%d thread(s): %,8.0f syncs/s  latency p50 %6.1f us  p90 %6.1f us  p99 %7.1f us  max %8.1f us%n",
                    threads, size * 1e9 / totalNanos, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, quantile * sorted.length)] / 1e3;
        }
    }
}
