package io.tatekae.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files: written whole or not at all, verified before use, the newest valid one chosen. */
class SnapshotFilesTest {
    @TempDir
    Path dir;

    private Path write(long sequence, long values) {
        try (SnapshotWriter w = SnapshotWriter.begin(dir, sequence, 1_000 + sequence)) {
            return w.section(Snapshots.ENGINE, out -> {
                for (long v = 0; v < values; v++) {
                    out.put(v * sequence);
                }
            }).section(Snapshots.APPROVALS, out -> out.put(-sequence)).complete();
        }
    }

    private static List<Long> engineValues(SnapshotReader r) {
        List<Long> values = new ArrayList<>();
        r.section(Snapshots.ENGINE, in -> {
            for (int i = 0; i < 300_000; i++) {
                values.add(in.next());
            }
        });
        return values;
    }

    @Test
    void pruningBeforeTheFirstSnapshotIsQuiet() {
        // The snapshot writer prunes at every step: before its first snapshot the folder does not exist yet.
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Snapshots.class.getName());
        logger.addHandler(handler);
        try {
            assertEquals(-1, Snapshots.prune(dir.resolve("not-yet"), 3));
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
        assertFalse(Files.exists(dir.resolve("not-yet")));
    }

    @Test
    void roundTripsSectionsLargerThanTheBuffer() {
        write(42, 300_000);
        try (SnapshotReader r = Snapshots.newestValid(dir, 100).orElseThrow()) {
            assertEquals(42, r.sequence());
            assertEquals(1_042, r.createdMillis());
            List<Long> values = engineValues(r);
            assertEquals(299_999L * 42, values.get(299_999));
            r.section(Snapshots.APPROVALS, in -> assertEquals(-42, in.next()));
        }
    }

    @Test
    void aTornOrDamagedNewestSnapshotFallsBackToTheOneBefore() throws IOException {
        write(10, 300_000);
        Path torn = write(20, 300_000);
        try (FileChannel c = FileChannel.open(torn, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 1_000);
        }
        Path damaged = write(30, 300_000);
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 1;
        Files.write(damaged, bytes);
        assertThrows(SnapshotException.class, () -> SnapshotReader.open(damaged));
        try (SnapshotReader r = Snapshots.newestValid(dir, 100).orElseThrow()) {
            assertEquals(10, r.sequence());
        }
    }

    @Test
    void aSnapshotAheadOfTheJournalIsNotUsedAndAnUnfinishedOneIsNeverSeen() {
        write(10, 10);
        write(50, 10);
        SnapshotWriter unfinished = SnapshotWriter.begin(dir, 60, 0);
        unfinished.section(Snapshots.ENGINE, out -> out.put(1));
        try (SnapshotReader r = Snapshots.newestValid(dir, 49).orElseThrow()) {
            assertEquals(10, r.sequence(), "the journal only reaches 49");
        }
        assertArrayEquals(new long[] {50, 10}, SnapshotFiles.sequences(dir));
        unfinished.close();
        assertFalse(Files.exists(dir.resolve("snapshot-00000000000000000060.snap.tmp")));
    }

    @Test
    void pruningKeepsTheNewestAndSaysWhichIsOldestKept() {
        for (long s = 1; s <= 5; s++) {
            write(s * 100, 5);
        }
        assertEquals(300, Snapshots.prune(dir, 3));
        assertArrayEquals(new long[] {500, 400, 300}, SnapshotFiles.sequences(dir));
        assertFalse(Snapshots.newestValid(dir.resolve("none"), 1_000).isPresent(), "no folder, no snapshot");
    }

    @Test
    void beforeAsManySnapshotsAsAreKeptExistNoneIsOldestKept() {
        write(100, 5);
        assertEquals(-1, Snapshots.prune(dir, 2), "one snapshot of two: the journal's beginning is its fall-back");
        assertEquals(100, Snapshots.prune(dir, 1));
        write(200, 5);
        assertEquals(100, Snapshots.prune(dir, 2));
        assertArrayEquals(new long[] {200, 100}, SnapshotFiles.sequences(dir));
        assertThrows(IllegalArgumentException.class, () -> Snapshots.prune(dir, 0));
    }

    @Test
    void aSectionReadWithTheWrongIdOrLengthIsRefused() {
        write(7, 10);
        try (SnapshotReader r = Snapshots.newestValid(dir, 7).orElseThrow()) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> r.section(Snapshots.APPROVALS, in -> in.next()));
            assertTrue(e.getMessage().contains("section 1 where 2 was expected"), e.getMessage());
        }
        try (SnapshotReader r = Snapshots.newestValid(dir, 7).orElseThrow()) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> r.section(Snapshots.ENGINE, in -> in.next()));
            assertTrue(e.getMessage().contains("10 values, 1 were read"), e.getMessage());
        }
    }
}
