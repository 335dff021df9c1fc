package io.tatekae.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private JournalConfig config() {
        return JournalConfig.durable(dir.resolve("journal"));
    }

    private static JournalRecord hold(JournalRecord r, long holdId, long amount) {
        return r.clear().type(JournalRecordType.HOLD_PLACED).holdId(holdId).accountIndex(7).accountId("A0000001")
                .amount(amount).eventTimeMillis(1_700_000_000_000L + holdId).authCode("A1B2C3").rrn("000000123456")
                .stan(4321).maskedPan("354000******0001").plan(PointsPlan.PLUS);
    }

    private List<JournalRecord> readAll(long from, long upTo) {
        List<JournalRecord> out = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(config().directory(), from)) {
            while (reader.poll(r -> out.add(new JournalRecord().copyFrom(r)), 100, upTo) > 0) {
                // keep reading
            }
        }
        return out;
    }

    private void writeHolds(JournalConfig cfg, int count) {
        try (JournalWriter writer = JournalWriter.open(cfg)) {
            JournalRecord r = new JournalRecord();
            for (int i = 1; i <= count; i++) {
                writer.append(hold(r, i, i * 100L));
            }
            writer.commit();
        }
    }

    @Test
    void roundTripsEveryFieldWithIncreasingSequences() {
        try (JournalWriter writer = JournalWriter.open(config())) {
            JournalRecord r = new JournalRecord();
            assertEquals(1, writer.append(hold(r, 42, 4980)));
            assertEquals(2, writer.append(r.clear().type(JournalRecordType.HOLD_CAPTURED).holdId(42).accountId("A0000001")
                    .amount(4500).secondAmount(4980)));
            assertEquals(2, writer.commit());
        }
        List<JournalRecord> records = readAll(1, JournalReader.UNBOUNDED);
        assertEquals(2, records.size());
        JournalRecord first = records.get(0);
        assertEquals(1, first.sequence());
        assertEquals(JournalRecordType.HOLD_PLACED, first.type());
        assertEquals(42, first.holdId());
        assertEquals(7, first.accountIndex());
        assertEquals("A0000001", first.accountId());
        assertEquals(4980, first.amount());
        assertEquals(1_700_000_000_042L, first.eventTimeMillis());
        assertEquals("A1B2C3", first.authCode());
        assertEquals("000000123456", first.rrn());
        assertEquals(4321, first.stan());
        assertEquals("354000******0001", first.maskedPan());
        assertEquals(PointsPlan.PLUS, first.plan());
        assertEquals(JournalRecordType.HOLD_CAPTURED, records.get(1).type());
        assertEquals(4980, records.get(1).secondAmount());
        assertEquals("", records.get(1).authCode());
    }

    @Test
    void rollsSegmentsAndContinuesTheSequenceAfterReopen() throws IOException {
        JournalConfig small = config().withSegmentBytes(4 * JournalRecordCodec.RECORD_SIZE);
        writeHolds(small, 10);
        try (var files = Files.list(small.directory())) {
            assertEquals(3, files.count());
        }
        try (JournalWriter writer = JournalWriter.open(small)) {
            assertEquals(10, writer.committedSequence());
            assertEquals(11, writer.append(hold(new JournalRecord(), 11, 1)));
            assertEquals(11, writer.commit());
        }
        List<JournalRecord> all = readAll(1, JournalReader.UNBOUNDED);
        assertEquals(11, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).sequence());
            assertEquals(i + 1, all.get(i).holdId());
        }
        List<JournalRecord> fromMiddle = readAll(6, 9);
        assertEquals(List.of(6L, 7L, 8L, 9L), fromMiddle.stream().map(JournalRecord::sequence).toList());
    }

    @Test
    void reopeningWithSmallerSegmentsRollsInsteadOfOverfillingTheLastOne() throws IOException {
        writeHolds(config().withSegmentBytes(8 * JournalRecordCodec.RECORD_SIZE), 6);
        JournalConfig smaller = config().withSegmentBytes(4 * JournalRecordCodec.RECORD_SIZE);
        try (JournalWriter writer = JournalWriter.open(smaller)) {
            writer.append(hold(new JournalRecord(), 7, 1));
            writer.commit();
        }
        assertEquals(6L * JournalRecordCodec.RECORD_SIZE, Files.size(onlySegmentStarting(1)));
        assertEquals(7, readAll(1, 7).size());
    }

    private Path onlySegmentStarting(long first) {
        return config().directory().resolve(String.format("segment-%020d.journal", first));
    }

    @Test
    void aBatchLargerThanTheBufferAndSpanningSegmentsIsWrittenWhole() {
        JournalConfig cfg = config().withSegmentBytes(3 * JournalRecordCodec.RECORD_SIZE).withMaxBatchRecords(2);
        writeHolds(cfg, 8);
        assertEquals(8, readAll(1, 8).size());
    }

    @Test
    void truncatesAPartialRecordLeftByACrash() throws IOException {
        writeHolds(config(), 5);
        Path segment = onlySegment();
        Files.write(segment, new byte[50], StandardOpenOption.APPEND);
        assertEquals(5, readAll(1, JournalReader.UNBOUNDED).size());
        try (JournalWriter writer = JournalWriter.open(config())) {
            assertEquals(5, writer.committedSequence());
            assertEquals(6, writer.append(hold(new JournalRecord(), 6, 1)));
            writer.commit();
        }
        assertEquals(6 * JournalRecordCodec.RECORD_SIZE, Files.size(segment));
        assertEquals(6, readAll(1, JournalReader.UNBOUNDED).size());
    }

    @Test
    void dropsATornLastRecordWhoseCrcFails() throws IOException {
        writeHolds(config(), 5);
        flipByte(onlySegment(), 4L * JournalRecordCodec.RECORD_SIZE + 30);
        assertEquals(4, readAll(1, JournalReader.UNBOUNDED).size());
        try (JournalWriter writer = JournalWriter.open(config())) {
            assertEquals(4, writer.committedSequence());
            assertEquals(5, writer.append(hold(new JournalRecord(), 99, 1)));
            writer.commit();
        }
        assertEquals(99, readAll(5, JournalReader.UNBOUNDED).get(0).holdId());
    }

    @Test
    void refusesToRecoverWhenARecordInTheMiddleIsCorrupt() throws IOException {
        writeHolds(config(), 5);
        Path segment = onlySegment();
        flipByte(segment, JournalRecordCodec.RECORD_SIZE + 20);
        assertThrows(JournalCorruptedException.class, () -> JournalWriter.open(config()));
        assertEquals(5L * JournalRecordCodec.RECORD_SIZE, Files.size(segment), "nothing truncated");
        assertThrows(JournalCorruptedException.class, () -> readAll(1, 5));
    }

    @Test
    void batchMsForcesAtMostEveryIntervalAndCloseForcesTheRest() {
        try (JournalWriter writer = JournalWriter.open(config().withFsync(FsyncPolicy.BATCH_MS, 10_000))) {
            writer.append(hold(new JournalRecord(), 1, 10));
            assertEquals(1, writer.commit());
            assertEquals(1, writer.committedSequence());
            assertEquals(0, writer.durableSequence(), "no force within the interval");
            writer.close();
            assertEquals(1, writer.durableSequence());
        }
        try (JournalWriter writer = JournalWriter.open(config())) {
            writer.append(hold(new JournalRecord(), 2, 10));
            writer.commit();
            assertEquals(2, writer.durableSequence(), "DURABLE forces every commit");
        }
    }

    @Test
    void aTailerSeesOnlyCommittedRecords() {
        try (JournalWriter writer = JournalWriter.open(config());
             JournalReader reader = JournalReader.open(config().directory(), 1)) {
            List<Long> seen = new ArrayList<>();
            JournalRecord r = new JournalRecord();
            writer.append(hold(r, 1, 10));
            writer.commit();
            writer.append(hold(r, 2, 10));
            assertEquals(1, reader.poll(rec -> seen.add(rec.holdId()), 10, writer.committedSequence()));
            assertEquals(0, reader.poll(rec -> seen.add(rec.holdId()), 10, writer.committedSequence()));
            writer.commit();
            assertEquals(1, reader.poll(rec -> seen.add(rec.holdId()), 10, writer.committedSequence()));
            assertEquals(List.of(1L, 2L), seen);
        }
    }

    @Test
    void aBoundedReadOfAMissingCommittedRecordIsAnError() {
        writeHolds(config(), 3);
        assertThrows(JournalCorruptedException.class, () -> readAll(1, 4));
    }

    @Test
    void aWriteFailureSurfacesAndCommitsNothing() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full to fail writes for real");
        Files.createDirectories(config().directory());
        Files.createSymbolicLink(config().directory().resolve("segment-00000000000000000001.journal"), full);
        JournalWriter writer = JournalWriter.open(config());
        writer.append(hold(new JournalRecord(), 1, 100));
        JournalException e = assertThrows(JournalException.class, writer::commit);
        assertTrue(e.getMessage().contains("last committed sequence 0"), e.getMessage());
        assertEquals(0, writer.committedSequence());
        assertThrows(JournalException.class, () -> {
            writer.append(hold(new JournalRecord(), 2, 100));
            writer.commit();
        });
        try {
            writer.close();
        } catch (JournalException closing) {
            // closing a writer on a device that refuses writes may fail as well
        }
    }

    @Test
    void neverStoresAFullPan() {
        JournalRecord r = new JournalRecord();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.maskedPan("3540000000000001"));
        assertTrue(!e.getMessage().contains("3540000000000001"));
        assertThrows(IllegalArgumentException.class, () -> r.accountId("A00000000000000001"));
        assertThrows(IllegalArgumentException.class, () -> r.authCode("ABCDEFG"));
    }

    private Path onlySegment() throws IOException {
        try (var files = Files.list(config().directory())) {
            List<Path> all = files.toList();
            assertEquals(1, all.size());
            return all.get(0);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, position);
        }
    }
}
