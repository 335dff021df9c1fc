package io.tatekae.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.journal.JournalReader;
import io.tatekae.snapshot.SnapshotFiles;
import io.tatekae.state.Luhn;
import io.tatekae.testsupport.ProvisioningFiles;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots and retention with the real switch: after enough traffic the journal's old segments are
 * gone, a restart starts from the newest snapshot and replays only the tail, and the credit, the
 * duplicates, the reversals and the velocity are what they were — also when the newest snapshot is
 * damaged and the one before it has to serve.
 */
@Timeout(180)
class SnapshotRestartTest {
    private static final int CARDS = 300;
    /** At most this many rounds (one approval per card each): within the velocity rule's 32 per window. */
    private static final int MAX_ROUNDS = 24;
    private static final String YAML = TestSwitch.SNAPSHOT_RETENTION_YAML + """
            policy:
              velocityMaxApprovals: 32
            """;

    @TempDir
    Path dataDir;
    private int rounds;

    @Test
    void aRestartStartsFromTheNewestSnapshotAndTheOldJournalIsGone() throws Exception {
        Map<Integer, Long> available = new HashMap<>();
        ISOMsg keptOpen = Messages.purchase(pan(0), "3012", "TARO YAMADA", 777, "900001");
        ISOMsg keptAnswer;
        try (TestSwitch sw = TestSwitch.builder(dataDir).yaml(YAML).cardsFile(cards()).start();
             IsoTestClient c = sw.connectSignedOn()) {
            keptAnswer = c.request(keptOpen);
            assertEquals("00", keptAnswer.getString(39));
            int stan = 1;
            // Traffic until the journal's first segment is gone (snapshots come at poll boundaries, so
            // how many records that takes depends on how fast the snapshot writer keeps up).
            for (int round = 0; round < MAX_ROUNDS && (round < 2 || firstSegment() == 1); round++) {
                rounds = round + 1;
                for (int i = 0; i < CARDS; i++) {
                    ISOMsg purchase = Messages.purchase(pan(i), "3012", "TARO YAMADA", 100, String.format("%06d", stan++));
                    assertEquals("00", c.request(purchase).getString(39), "card " + i + ", round " + round);
                    if (i % 3 != 0) {
                        assertEquals("00", c.request(Messages.reversal("0400", purchase, String.format("%06d", stan++), null))
                                .getString(39));
                    }
                }
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(firstSegment() > 1 && sw.app().ledgerLag() == 0)) {
                assertTrue(System.nanoTime() < deadline, "the journal's old segments were never deleted");
                Thread.sleep(50);
            }
            for (int i = 0; i < CARDS; i += 37) {
                available.put(i, available(c, i));
            }
        }
        assertTrue(SnapshotFiles.sequences(dataDir.resolve("snapshots")).length <= 2, "at most snapshotsKept snapshots");

        restartAndCheck(available, keptOpen, keptAnswer, true);
        long[] snapshots = SnapshotFiles.sequences(dataDir.resolve("snapshots"));
        Path newest = dataDir.resolve("snapshots").resolve(String.format("snapshot-%020d.snap", snapshots[0]));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(newest, bytes);
        restartAndCheck(available, keptOpen, keptAnswer, false);
    }

    private void restartAndCheck(Map<Integer, Long> available, ISOMsg keptOpen, ISOMsg keptAnswer, boolean fromNewest)
            throws Exception {
        long newest = SnapshotFiles.sequences(dataDir.resolve("snapshots"))[0];
        try (TestSwitch sw = TestSwitch.builder(dataDir).yaml(YAML).cards(null).start(); IsoTestClient c = sw.connectSignedOn()) {
            assertTrue(sw.app().replayedFrom() > 1, "started from a snapshot, not the journal's beginning");
            if (fromNewest) {
                assertEquals(newest + 1, sw.app().replayedFrom(), "started from the newest snapshot");
            } else {
                assertTrue(sw.app().replayedFrom() <= newest, "the damaged newest snapshot was passed over");
            }
            for (Map.Entry<Integer, Long> e : available.entrySet()) {
                assertEquals(e.getValue(), available(c, e.getKey()), "available credit of card " + e.getKey());
            }
            ISOMsg again = c.request(keptOpen);
            assertEquals(keptAnswer.getString(38), again.getString(38), "a duplicate of an approval from before every snapshot");
            assertEquals(available.get(0), available(c, 0), "no second hold for the duplicate");
            if (fromNewest) {
                // Card 0 had rounds + 1 approvals in the window: velocity goes on counting from there.
                for (int n = rounds + 1; n < 32; n++) {
                    assertEquals("00", c.request(Messages.purchase(pan(0), "3012", "TARO YAMADA", 1,
                            String.format("%06d", 800_000 + n))).getString(39), "approval " + (n + 1) + " of 32");
                }
                available.put(0, available.get(0) - (32 - rounds - 1));
            }
            assertEquals("65", c.request(Messages.purchase(pan(0), "3012", "TARO YAMADA", 1, Wire.stan())).getString(39),
                    "the 33rd approval in the window");
            String report = sw.app().reconcile(Duration.ofSeconds(20)).get();
            assertTrue(report.contains(": 0 differences"), report);
        }
    }

    private long available(IsoTestClient c, int card) {
        return Wire.available(c, pan(card), "3012", "TARO YAMADA", Wire.stan());
    }

    private long firstSegment() {
        return JournalReader.firstSequence(dataDir.resolve("journal"));
    }

    private Path cards() throws IOException {
        return ProvisioningFiles.oneCardPerAccount(dataDir.resolve("snapshot-cards.jsonl"), CARDS, "S", SnapshotRestartTest::pan);
    }

    private static String pan(int i) {
        return Luhn.withCheckDigit(String.format("354099%09d", 700_000 + i));
    }
}
