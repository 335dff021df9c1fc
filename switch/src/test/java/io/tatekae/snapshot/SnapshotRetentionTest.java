package io.tatekae.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.app.Snapshotting;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalException;
import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordCodec;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.JournalWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot writer's retention over a real journal: segments go only once as many snapshots as
 * are kept hold them, so when the newest snapshot is damaged the one before it (or, before there are
 * two, the journal's first record) can always be started from.
 */
class SnapshotRetentionTest {
    private static final int RECORDS_PER_SEGMENT = 4;

    @TempDir
    Path dataDir;
    private final AtomicLong committed = new AtomicLong();
    private long nextHold = 1;

    @Test
    void theJournalIsTrimmedOnlyUpToTheOldestOfTheKeptSnapshots() throws IOException {
        SwitchConfig config = ConfigLoader.parse("""
                mode: test
                journal:
                  snapshotEveryRecords: 1000000
                  snapshotsKept: 2
                  retention: delete
                """, "switch.yaml", Overrides.NONE.withDataDir(dataDir), Map.of());
        Path journal = config.data().journalDir();
        Path snapshots = config.data().snapshotDir();
        JournalConfig journalConfig = JournalConfig.durable(journal)
                .withSegmentBytes(RECORDS_PER_SEGMENT * JournalRecordCodec.RECORD_SIZE);
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-08T00:00:00Z"));
        try (Snapshotter snapshotter = Snapshotting.snapshotter(config, committed::get, committed::get, clock)) {
            append(journalConfig, 20);
            snapshotter.step();
            snapshotter.snapshotNow();
            snapshotter.step();
            assertEquals(1, JournalReader.firstSequence(journal), "one snapshot of two kept: nothing trimmed yet");

            append(journalConfig, 20);
            snapshotter.step();
            snapshotter.snapshotNow();
            snapshotter.step();
            assertArrayEquals(new long[] {40, 20}, SnapshotFiles.sequences(snapshots));
            assertEquals(21, JournalReader.firstSequence(journal), "segments up to the older snapshot are gone, no further");
        }

        Path newest = SnapshotFiles.path(snapshots, 40);
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(newest, bytes);
        try (SnapshotReader fallBack = Snapshots.newestValid(snapshots, committed.get()).orElseThrow();
             JournalReader reader = JournalReader.open(journal, fallBack.sequence() + 1)) {
            assertEquals(20, fallBack.sequence());
            assertEquals(20, reader.poll(r -> { }, 100, committed.get()), "every record after the fall-back is there");
        }
        try (JournalReader fromTheStart = JournalReader.open(journal, 1)) {
            JournalException e = assertThrows(JournalException.class, () -> fromTheStart.poll(r -> { }, 100, committed.get()));
            assertTrue(e.getMessage().contains("starts at sequence 21, cannot read from 1 (the segments before it were "
                    + "deleted or archived"), e.getMessage());
        }
    }

    private void append(JournalConfig journalConfig, int count) {
        try (JournalWriter writer = JournalWriter.open(journalConfig)) {
            JournalRecord r = new JournalRecord();
            for (int i = 0; i < count; i++) {
                long hold = nextHold++;
                writer.append(r.clear().type(JournalRecordType.HOLD_PLACED).holdId(hold).accountIndex(0)
                        .accountId("A0000001").amount(100).eventTimeMillis(1_796_688_000_000L).authCode("A1B2C3")
                        .rrn("000000123456").stan((int) hold).maskedPan("354000******0001"));
            }
            committed.set(writer.commit());
        }
    }
}
