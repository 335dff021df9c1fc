package io.tatekae.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.billing.BillingEvent;
import io.tatekae.billing.Cause;
import io.tatekae.engine.HoldEvent;
import io.tatekae.state.MaskedPan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
        Assumptions.assumeTrue(Files.exists(full), "needs /dev/full to fail writes for real");
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

    /** Billing's records round-trip through the writer, the reader and JournalBillingLog, in both layouts of their fields. */
    @Test
    void billingEventsRoundTripBothLayoutsOfTheBillingFields() {
        BillingEvent closed = new BillingEvent();
        closed.clear();
        closed.kind = BillingEvent.Kind.STATEMENT_CLOSED;
        closed.accountIndex = 3;
        closed.accountId = "B0000001";
        closed.timeMillis = 1_790_000_000_000L;
        closed.amount = 10_808;
        closed.previous = 509;
        long[] lines = {10_509, 4_000, 1_000, 300, 209, 100};
        System.arraycopy(lines, 0, closed.x, 0, 6);
        closed.n1 = 202611;
        closed.n2 = 20261210;
        BillingEvent limit = new BillingEvent().cardLimitSet(3, "B0000001",
                1_790_000_000_001L, 0x1234L, 0x5678L, "354099******0017", 5_000, 10_000,
                Cause.STATEMENT_PAID_ON_TIME, 202611, "statement 2026-11 paid on time");
        BillingEvent issued = new BillingEvent().cardIssued(3, "B0000001",
                1_790_000_000_002L, 0x9L, 0xAL, "354099******0025", 3_000, 3112, "TARO YAMADA");
        try (JournalWriter writer = JournalWriter.open(config())) {
            JournalMoneyLog log = new JournalMoneyLog(writer);
            JournalBillingLog billing = new JournalBillingLog(log);
            billing.record(closed);
            billing.record(limit);
            billing.record(issued);
            assertTrue(log.commit());
        }
        List<JournalRecord> records = readAll(1, JournalReader.UNBOUNDED);
        assertEquals(List.of(JournalRecordType.STATEMENT_CLOSED, JournalRecordType.CARD_LIMIT_SET, JournalRecordType.CARD_ISSUED),
                records.stream().map(JournalRecord::type).toList());
        BillingEvent back = new BillingEvent();
        assertTrue(JournalBillingLog.toEvent(records.get(0), back));
        assertEquals(closed.toString(), back.toString());
        assertTrue(JournalBillingLog.toEvent(records.get(1), back));
        assertEquals(limit.toString(), back.toString());
        assertEquals(0x1234L, back.panHi);
        assertEquals(Cause.STATEMENT_PAID_ON_TIME, back.cause());
        assertTrue(JournalBillingLog.toEvent(records.get(2), back));
        assertEquals(issued.toString(), back.toString());
        assertEquals("TARO YAMADA", back.text);
    }

    @Test
    void aPaymentKeepsWhenAndHowItWasPaidAndOldPaymentsReadAsPaidWhenApplied() {
        HoldEvent e = new HoldEvent();
        e.clear();
        e.kind = HoldEvent.Kind.PAYMENT;
        e.holdId = 99;
        e.postingId = 99;
        e.accountIndex = 1;
        e.amount = 1_209;
        e.timeMillis = 1_790_000_000_000L;
        e.paidAtMillis = 1_789_999_000_000L;
        e.paymentMethod = 2;
        byte[] reference = "ATM-000123".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(reference, 0, e.reference, 0, reference.length);
        e.referenceLength = reference.length;
        e.accountIdLength = 1;
        e.accountId[0] = 'B';
        try (JournalWriter writer = JournalWriter.open(config())) {
            JournalMoneyLog log = new JournalMoneyLog(writer);
            log.record(e);
            writer.append(new JournalRecord().type(JournalRecordType.PAYMENT).holdId(98).accountId("B").amount(5)
                    .eventTimeMillis(1_790_000_000_500L)); // as journaled before paidAt existed
            assertTrue(log.commit());
        }
        List<JournalRecord> records = readAll(1, JournalReader.UNBOUNDED);
        HoldEvent back = new HoldEvent();
        assertTrue(JournalMoneyLog.toEvent(records.get(0), back));
        assertEquals(1_789_999_000_000L, back.paidAtMillis);
        assertEquals(2, back.paymentMethod);
        assertEquals("ATM-000123", new String(back.reference, 0, back.referenceLength, StandardCharsets.US_ASCII));
        assertTrue(JournalMoneyLog.toEvent(records.get(1), back));
        assertEquals(1_790_000_000_500L, back.paidAtMillis, "paid when it was applied");
    }

    @Test
    void neverStoresAFullPan() {
        JournalRecord r = new JournalRecord();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.maskedPan("3540000000000001"));
        assertTrue(!e.getMessage().contains("3540000000000001"));
        assertThrows(IllegalArgumentException.class, () -> r.accountId("A00000000000000001"));
        assertThrows(IllegalArgumentException.class, () -> r.authCode("ABCDEFG"));
        assertThrows(IllegalArgumentException.class, () -> r.text("PAN 3540000000000001"), "a PAN in billing's text");
        assertEquals("PAY 354000******0001 X", MaskedPan.maskDigitRuns("PAY 3540000000000001 X", 45));
        assertEquals("CVS-20261209-000123", MaskedPan.maskDigitRuns("CVS-20261209-000123", 45));
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
