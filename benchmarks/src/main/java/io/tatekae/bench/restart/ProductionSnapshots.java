package io.tatekae.bench.restart;

import io.tatekae.app.Snapshotting;
import io.tatekae.config.SwitchConfig;
import io.tatekae.snapshot.SnapshotFiles;
import io.tatekae.snapshot.Snapshotter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;

/**
 * Snapshots and retention as production has them: the switch's own snapshot writer (built from the
 * configuration by {@link Snapshotting}, as the poster's process builds it) replays the journal up to
 * {@code snapshotAt}, writing its periodic snapshots on the way (journal.snapshotEveryRecords), keeping
 * journal.snapshotsKept of them; then one more at {@code snapshotAt} (as at a stop), and its next step
 * prunes the snapshots and trims the journal. The ledger's posted position is taken as {@code snapshotAt}:
 * a poster that had caught up with everything durable, so the oldest kept snapshot bounds the trim.
 */
final class ProductionSnapshots {
    /** Journal bytes and segments before and after retention, and the snapshot the restart will load. */
    record Facts(long journalBytesBefore, int segmentsBefore, long journalBytesAfter, int segmentsAfter,
                 long snapshotSequence, long snapshotBytes, int snapshotsKept, long writeNanos) {
        String describe() {
            return String.format("snapshots: %d kept, the newest at %,d (%,d MiB); written with retention in %.1f s%n"
                            + "journal on disk: %,d MiB in %d segments before retention, %,d MiB in %d after",
                    snapshotsKept, snapshotSequence, snapshotBytes >> 20, writeNanos / 1e9,
                    journalBytesBefore >> 20, segmentsBefore, journalBytesAfter >> 20, segmentsAfter);
        }
    }

    private ProductionSnapshots() {
    }

    static Facts write(SwitchConfig config, long snapshotAt, long nowMillis) {
        Path journal = config.data().journalDir();
        long bytesBefore = bytes(journal);
        int segmentsBefore = segments(journal);
        long started = System.nanoTime();
        // A fixed clock: the snapshots come by record count, not by the minutes the build happens to take.
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(nowMillis));
        Path newest;
        try (Snapshotter snapshots = Snapshotting.snapshotter(config, () -> snapshotAt, () -> snapshotAt, clock)) {
            while (snapshots.step() > 0) {
                // replaying, writing the periodic snapshots and trimming as the poster's process does
            }
            newest = snapshots.snapshotNow();
            snapshots.step();
        }
        long written = System.nanoTime() - started;
        long[] kept = SnapshotFiles.sequences(config.data().snapshotDir());
        if (kept.length == 0 || kept[0] != snapshotAt || newest == null) {
            throw new IllegalStateException("no snapshot at " + snapshotAt + " after the snapshot writer ran");
        }
        return new Facts(bytesBefore, segmentsBefore, bytes(journal), segments(journal), snapshotAt, size(newest),
                kept.length, written);
    }

    static long bytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(ProductionSnapshots::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().startsWith("segment-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
