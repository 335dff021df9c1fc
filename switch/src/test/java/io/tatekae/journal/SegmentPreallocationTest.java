package io.tatekae.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.testsupport.FaultyDisk;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal appends into zero-filled segments: the current one at open, later ones from a prepared spare. */
class SegmentPreallocationTest {
    private static final int RECORD = JournalRecordCodec.RECORD_SIZE;
    private static final long SEGMENT_RECORDS = 64;

    @TempDir
    Path dir;

    private JournalConfig durable(Path directory) {
        return JournalConfig.durable(directory).withSegmentBytes(SEGMENT_RECORDS * RECORD);
    }

    private static void appendHolds(JournalWriter writer, long fromHold, int count) {
        JournalRecord r = new JournalRecord();
        for (long id = fromHold; id < fromHold + count; id++) {
            writer.append(r.clear().type(JournalRecordType.HOLD_PLACED).holdId(id).accountIndex(1).accountId("A0000001")
                    .amount(id * 10).eventTimeMillis(1_700_000_000_000L).authCode("AAAAAA").rrn("000000000001")
                    .stan(1).maskedPan("354000******0001").plan(PointsPlan.PLUS));
        }
        writer.commit();
    }

    private static List<Long> holdIds(Path directory) {
        List<Long> ids = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, 1)) {
            while (reader.poll(r -> ids.add(r.holdId()), 1000, JournalReader.UNBOUNDED) > 0) {
                // until the first record that is not there
            }
        }
        return ids;
    }

    private static void awaitSpare(JournalWriter writer) throws InterruptedException {
        for (int i = 0; i < 1000 && !writer.spareReady(); i++) {
            Thread.sleep(10);
        }
        assertTrue(writer.spareReady(), "the spare segment was not prepared within 10 s");
    }

    /** What a SIGKILL leaves: the files as they are now, opened by a new writer. */
    private Path crashCopy(Path from) throws IOException {
        Path to = dir.resolve("after-crash");
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static long size(Path directory, long first) throws IOException {
        return Files.size(JournalSegments.path(directory, first));
    }

    @Test
    void theCurrentSegmentIsFilledAtOpenAndACrashKeepsExactlyTheCommittedRecords() throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(durable(journal))) {
            appendHolds(writer, 1, 10);
            assertEquals(SEGMENT_RECORDS * RECORD, size(journal, 1), "zero-filled to the whole segment");
            awaitSpare(writer);
            Path crashed = crashCopy(journal);
            assertTrue(Files.exists(crashed.resolve(SegmentPreallocator.SPARE_NAME)));
            try (JournalWriter reopened = JournalWriter.open(durable(crashed))) {
                appendHolds(reopened, 11, 5);
            }
            assertEquals(15, holdIds(crashed).size());
            assertEquals(15L, holdIds(crashed).get(14));
        }
    }

    @Test
    void aCommitWritesItsLastPageToTheEndSoTheKernelNeedNotReadItFirst() throws Exception {
        int page = JournalWriter.PAGE_BYTES;
        int recordsPerPage = page / RECORD;
        FaultyDisk disk = new FaultyDisk();
        Path journal = dir.resolve("journal");
        // A segment of 1.25 pages: the zeros stop at its end, not at the page's.
        long segmentRecords = recordsPerPage + recordsPerPage / 4;
        JournalConfig config = durable(journal).withSegmentBytes(segmentRecords * RECORD);
        try (JournalWriter writer = JournalWriter.open(config, disk)) {
            appendHolds(writer, 1, 3);
            assertEquals(page, disk.lastWriteEnd, "3 records and the zeros after them, to the page's end");
            appendHolds(writer, 4, recordsPerPage - 2);
            assertEquals(segmentRecords * RECORD, disk.lastWriteEnd, "into the second page, up to the segment's end");
            assertEquals(segmentRecords * RECORD, size(journal, 1), "the zeros were there already: the size is the segment's");
            Path crashed = crashCopy(journal);
            assertEquals(recordsPerPage + 1, holdIds(crashed).size(), "a crash keeps exactly the committed records");
        }
    }

    @Test
    void withoutFsyncAWriteEndsAtItsLastRecord() throws Exception {
        FaultyDisk disk = new FaultyDisk();
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(durable(journal).withFsync(FsyncPolicy.NONE, 0), disk)) {
            appendHolds(writer, 1, 3);
            assertEquals(3 * RECORD, disk.lastWriteEnd, "no preallocated zeros to write over: the file grows by records");
        }
    }

    @Test
    void aRollRenamesTheSpareAndTheNextSpareIsPrepared() throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(durable(journal))) {
            awaitSpare(writer);
            appendHolds(writer, 1, (int) SEGMENT_RECORDS + 3);
            assertEquals(SEGMENT_RECORDS * RECORD, size(journal, SEGMENT_RECORDS + 1), "the second segment is the spare");
            awaitSpare(writer);
            assertEquals(List.of(1L, SEGMENT_RECORDS + 1), List.of(JournalSegments.list(journal)[0], JournalSegments.list(journal)[1]));
        }
        assertEquals(SEGMENT_RECORDS + 3, holdIds(journal).size());
    }

    @Test
    void aCrashJustAfterTheRollLeavesAnAllZeroLastSegmentThatRecoveryEmpties() throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(durable(journal))) {
            awaitSpare(writer);
            appendHolds(writer, 1, (int) SEGMENT_RECORDS);
            writer.append(new JournalRecord().type(JournalRecordType.HOLD_PLACED).holdId(999).accountIndex(1)
                    .accountId("A0000001").amount(1).eventTimeMillis(1).authCode("AAAAAA").rrn("000000000001").stan(1)
                    .maskedPan("354000******0001").plan(PointsPlan.PLUS));
            writer.commit();
            Path crashed = crashCopy(journal);
            // the record after the roll was never written: zeros, as if the kill came between rename and write
            try (FileChannel channel = FileChannel.open(JournalSegments.path(crashed, SEGMENT_RECORDS + 1),
                    StandardOpenOption.WRITE)) {
                SegmentPreallocator.zeroFill(channel, 0, RECORD);
            }
            try (JournalWriter reopened = JournalWriter.open(durable(crashed))) {
                appendHolds(reopened, 2000, 1);
            }
            List<Long> ids = holdIds(crashed);
            assertEquals(SEGMENT_RECORDS + 1, ids.size());
            assertEquals(2000L, ids.get(ids.size() - 1));
        }
    }

    @Test
    void aCleanCloseLeavesTheJournalEndingAtItsLastRecordAndNoSpare() throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(durable(journal))) {
            appendHolds(writer, 1, 7);
            awaitSpare(writer);
        }
        assertEquals(7L * RECORD, size(journal, 1));
        assertFalse(Files.exists(journal.resolve(SegmentPreallocator.SPARE_NAME)));
    }

    @Test
    void withoutFsyncNothingIsPreallocated() throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(JournalConfig.durable(journal).withFsync(FsyncPolicy.NONE, 0)
                .withSegmentBytes(SEGMENT_RECORDS * RECORD))) {
            appendHolds(writer, 1, 3);
            assertEquals(3L * RECORD, size(journal, 1));
            assertFalse(writer.spareReady());
            assertFalse(Files.exists(journal.resolve(SegmentPreallocator.SPARE_NAME)));
        }
    }
}
