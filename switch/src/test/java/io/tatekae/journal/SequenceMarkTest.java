package io.tatekae.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cross-process sequence marks, and what the journal writer publishes in them under each fsync policy. */
class SequenceMarkTest {
    @TempDir
    Path dir;

    @Test
    void aSeparateMappingOfTheFileSeesEveryPublishedValue() {
        Path file = dir.resolve("sub").resolve(SequenceMark.COMMITTED);
        SequenceMark writer = SequenceMark.openForWriting(file);
        SequenceMark reader = SequenceMark.openForReading(file);
        assertEquals(0, reader.read(), "a new mark starts at 0");
        for (long s : new long[] {1, 2, 1L << 40, Long.MAX_VALUE}) {
            writer.publish(s);
            assertEquals(s, reader.read());
        }
        assertEquals(Long.MAX_VALUE, SequenceMark.openForWriting(file).read(), "reopening keeps the value");
        assertThrows(IllegalArgumentException.class, () -> writer.publish(-1));
    }

    @Test
    void aMissingOrForeignFileIsRefusedWithAMessageThatSaysWhatToDo() throws Exception {
        JournalException missing = assertThrows(JournalException.class,
                () -> SequenceMark.openForReading(dir.resolve(SequenceMark.COMMITTED)));
        assertTrue(missing.getMessage().contains("start the switch once first"), missing.getMessage());

        Path wrongSize = Files.write(dir.resolve("a.mark"), new byte[] {1, 2, 3});
        assertTrue(assertThrows(JournalException.class, () -> SequenceMark.openForWriting(wrongSize)).getMessage()
                .contains("not a sequence mark (3 bytes"));
        Path wrongMagic = Files.write(dir.resolve("b.mark"), new byte[16]);
        assertTrue(assertThrows(JournalException.class, () -> SequenceMark.openForReading(wrongMagic)).getMessage()
                .contains("bad magic"));
    }

    @Test
    void underDurableAndNoneEveryCommitIsPostable() {
        for (FsyncPolicy policy : new FsyncPolicy[] {FsyncPolicy.DURABLE, FsyncPolicy.NONE}) {
            Path journal = dir.resolve(policy.name());
            SequenceMark mark = SequenceMark.openForWriting(journal.resolve(SequenceMark.COMMITTED));
            try (JournalWriter w = JournalWriter.open(JournalConfig.durable(journal).withFsync(policy, 10))) {
                w.publishPostableTo(mark);
                append(w, 3);
                assertEquals(0, mark.read(), policy + ": appended but not committed is not postable");
                w.commit();
                assertEquals(3, mark.read(), policy.name());
                assertEquals(3, w.postableSequence());
            }
        }
    }

    @Test
    void underBatchOnlyForcedRecordsArePostableAndAnIdleJournalIsForcedWhenDue() throws Exception {
        Path journal = dir.resolve("batch");
        SequenceMark mark = SequenceMark.openForWriting(journal.resolve(SequenceMark.COMMITTED));
        try (JournalWriter w = JournalWriter.open(JournalConfig.durable(journal).withFsync(FsyncPolicy.BATCH_MS, 200))) {
            w.publishPostableTo(mark);
            append(w, 2);
            w.commit(); // within the interval of the writer's opening: committed, not forced
            assertEquals(2, w.committedSequence());
            assertEquals(0, mark.read(), "a power loss could still take these back: not postable");
            w.forceIfDue();
            assertEquals(0, mark.read(), "not due yet");
            Thread.sleep(250);
            w.forceIfDue();
            assertEquals(2, mark.read(), "forced once due, with no further commit");
            assertEquals(2, w.durableSequence());
        }
        assertEquals(2, SequenceMark.openForReading(journal.resolve(SequenceMark.COMMITTED)).read());
    }

    private static void append(JournalWriter w, int n) {
        JournalRecord r = new JournalRecord();
        for (int i = 0; i < n; i++) {
            w.append(r.clear().type(JournalRecordType.HOLD_PLACED).holdId(100 + i).accountIndex(1).accountId("A0000001")
                    .amount(1000).eventTimeMillis(1_700_000_000_000L).authCode("A1B2C3").rrn("000000123456")
                    .stan(1).maskedPan("354099******1001").plan(PointsPlan.PLUS));
        }
    }
}
