package io.tatekae.bench.ledger;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether another way of making a journal commit durable would lower its floor on this disk: on a
 * preallocated file, a 256-byte write + {@code fdatasync} (what the journal does), a write through a
 * {@code DSYNC} channel (one system call), a 4 KiB {@code O_DIRECT} + {@code DSYNC} write (no page
 * cache), and two threads each doing write + {@code fdatasync} at once (whether the device overlaps two
 * flushes: what a second sync thread could gain). Each mode runs {@code rounds} times, the modes
 * alternating. Usage: {@code SyncModeProbe [directory] [rounds] [writesPerRound]} (default: ., 3, 3000).
 */
public final class SyncModeProbe {
    private static final int RECORD = 256;
    private static final int BLOCK = 4096;

    private record Mode(String label, boolean dsync, boolean direct, int threads) {
    }

    private static final Mode[] MODES = {
            new Mode("write + fdatasync (the journal)", false, false, 1),
            new Mode("DSYNC write", true, false, 1),
            new Mode("O_DIRECT + DSYNC, 4 KiB", true, true, 1),
            new Mode("2 threads, write + fdatasync", false, false, 2),
    };

    private SyncModeProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int writes = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        for (int round = 0; round < rounds; round++) {
            for (Mode mode : MODES) {
                probe(dir.resolve("sync-mode-probe.dat"), mode, writes);
            }
        }
    }

    private static void probe(Path file, Mode mode, int writes) throws Exception {
        preallocate(file, (long) writes * BLOCK);
        Set<OpenOption> options = new HashSet<>(Set.of(StandardOpenOption.WRITE));
        if (mode.dsync()) {
            options.add(StandardOpenOption.DSYNC);
        }
        if (mode.direct()) {
            options.add(ExtendedOpenOption.DIRECT);
        }
        long[] nanos = new long[writes];
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, options)) {
            Thread[] threads = new Thread[mode.threads()];
            for (int t = 0; t < threads.length; t++) {
                int first = t;
                threads[t] = Thread.ofPlatform().start(() -> write(channel, mode, first, nanos));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            Files.deleteIfExists(file);
        }
        double perSecond = writes * 1e9 / (System.nanoTime() - started);
        Arrays.sort(nanos);
        System.out.printf("%-34s p50 %4d us  p90 %4d us  p99 %4d us  p99.9 %5d us  %6.0f commits/s%n", mode.label(),
                nanos[writes / 2] / 1000, nanos[writes * 9 / 10] / 1000, nanos[writes * 99 / 100] / 1000,
                nanos[writes * 999 / 1000] / 1000, perSecond);
    }

    private static void write(FileChannel channel, Mode mode, int first, long[] nanos) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2 * BLOCK).alignedSlice(BLOCK);
        int size = mode.direct() ? BLOCK : RECORD;
        try {
            for (int i = first; i < nanos.length; i += mode.threads()) {
                buffer.clear().limit(size);
                long start = System.nanoTime();
                channel.write(buffer, (long) i * size);
                if (!mode.dsync()) {
                    channel.force(false);
                }
                nanos[i] = System.nanoTime() - start;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void preallocate(Path file, long bytes) throws IOException {
        Files.deleteIfExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            zeroFill(channel, bytes);
        }
    }

    /** Writes zeros over the first {@code bytes} of the file a megabyte at a time and forces them to the disk. */
    static void zeroFill(FileChannel channel, long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < bytes; position += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, position + zeros.position());
            }
        }
        channel.force(true);
    }
}
