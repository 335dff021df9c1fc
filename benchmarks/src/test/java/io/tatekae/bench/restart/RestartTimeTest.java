package io.tatekae.bench.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart benchmark at a small scale, in this JVM: the history leaves exactly the open holds asked
 * for, the restart without a snapshot replays all of it, production's snapshot writer trims the journal,
 * the restart from the snapshot replays only the tail, and both rebuild the state the history left —
 * and a restart whose state differs from it reports no time.
 */
@Timeout(60)
class RestartTimeTest {
    private static final int OPEN = 20_000;
    private static final long RECORDS = 200_000;
    private static final long TAIL = 10_000;

    @TempDir
    Path dir;

    @Test
    void bothRestartsRebuildTheHistoryAndTheSnapshotOneReplaysOnlyTheTail() throws Exception {
        RestartOptions o = RestartOptions.parse(new String[] {"--open-holds", "" + OPEN, "--records", "" + RECORDS,
                "--accounts", "2000", "--cards", "4000", "--tail", "" + TAIL, "--segment-bytes", "1048576",
                "--snapshot-every", "20000", "--dir", dir.toString()});
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        RestartTime.Result r = RestartTime.run(o, null, new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);

        assertEquals(0, r.fullReplay().snapshotSequence(), printed);
        assertEquals(1, r.fullReplay().replayedFrom());
        assertEquals(RECORDS, r.fullReplay().replayedTo());
        assertEquals(OPEN, r.fullReplay().openHolds());

        assertEquals(RECORDS - TAIL, r.fromSnapshot().snapshotSequence(), printed);
        assertEquals(RECORDS - TAIL + 1, r.fromSnapshot().replayedFrom());
        assertEquals(RECORDS, r.fromSnapshot().replayedTo());
        assertEquals(OPEN, r.fromSnapshot().openHolds());

        ProductionSnapshots.Facts f = r.snapshots();
        assertEquals(3, f.snapshotsKept(), "journal.snapshotsKept's default");
        assertTrue(f.snapshotBytes() > OPEN * 8L * 10, "the snapshot holds the open holds: " + f.snapshotBytes() + " bytes");
        // Kept: the segments after the oldest kept snapshot (2 intervals of 20,000 plus the tail, 4,096 records a segment).
        assertTrue(f.segmentsAfter() <= (2 * 20_000 + TAIL) / 4096 + 3 && f.segmentsAfter() < f.segmentsBefore() / 3,
                "retention trimmed the journal: " + printed);
        assertTrue(f.journalBytesAfter() < f.journalBytesBefore() / 3, printed);
        assertTrue(printed.contains("restart from the newest snapshot: ") && printed.contains("checked"), printed);

        ExpectedState wrong = ExpectedState.load(dir);
        wrong.openHolds[7] += 1;
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RestartRun.restart(BenchConfig.of(o, "durable"), wrong));
        assertTrue(refused.getMessage().contains("account index 7"), refused.getMessage());
    }
}
