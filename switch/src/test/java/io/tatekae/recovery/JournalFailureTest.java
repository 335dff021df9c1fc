package io.tatekae.recovery;

import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.MoneyLog;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal cannot commit: nothing may be approved (the hold could not be made durable), the
 * credit must not move, and once the journal works again everything goes on and matches the ledger.
 */
class JournalFailureTest {
    /** The default policy's velocityMaxApprovals. */
    private static final int VELOCITY_MAX_APPROVALS = 10;

    @TempDir
    Path dataDir;

    /**
     * Fails commits while {@link #failing} is set. Like the real writer after an I/O error, it keeps
     * nothing of a failed batch: the events recorded meanwhile never reach the journal. The tests flip
     * the flag only between request/response pairs, so a batch never straddles a flip.
     */
    static final class FailingMoneyLog implements MoneyLog {
        private final MoneyLog journal;
        volatile boolean failing;
        volatile int failedCommits;

        FailingMoneyLog(MoneyLog journal) {
            this.journal = journal;
        }

        @Override
        public void record(HoldEvent event) {
            if (!failing) {
                journal.record(event);
            }
        }

        @Override
        public boolean commit() {
            if (failing) {
                failedCommits++;
                return false;
            }
            return journal.commit();
        }
    }

    @Test
    void failedCommitsDecline91AndChangeNoMoneyUntilTheJournalWorksAgain() throws Exception {
        FailingMoneyLog[] log = new FailingMoneyLog[1];
        try (TestSwitch sw = TestSwitch.builder(dataDir).moneyLog(j -> log[0] = new FailingMoneyLog(j)).start();
             IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg before = Wire.purchase(TestCards.TARO, 1_000);
            Wire.assertApproved(c.request(before));
            long available = Wire.available(c, TestCards.TARO);

            log[0].failing = true;
            List<ISOMsg> failed = new ArrayList<>();
            for (long amount : new long[] {2_000, 3_000, 4_000}) {
                ISOMsg purchase = Wire.purchase(amount == 3_000 ? TestCards.HANAKO : TestCards.TARO, amount);
                assertUnavailable(c.request(purchase));
                failed.add(purchase);
            }
            assertUnavailable(c.request(failed.get(0)));
            ISOMsg reversal = c.request(Wire.reversal(before));
            assertEquals("91", reversal.getString(39), "a reversal cannot release money while the journal fails");
            assertTrue(log[0].failedCommits > 0, "the decorator saw the commits");
            assertEquals(available, Wire.available(c, TestCards.TARO), "credit unchanged while the journal fails");

            log[0].failing = false;
            assertEquals(available, Wire.available(c, TestCards.TARO), "the failed batches left no hold behind");
            // A duplicate is answered as the original was (profile section 7): 91 again, still no hold.
            assertUnavailable(c.request(failed.get(1)));
            ISOMsg retry = Wire.purchase(TestCards.HANAKO, 3_000);
            ISOMsg retried = c.request(retry);
            Wire.assertApproved(retried);
            Wire.assertApproved(c.request(Wire.purchase(TestCards.TARO, 500)));
            assertEquals(available - 3_000 - 500, Wire.available(c, TestCards.TARO));
            ISOMsg again = c.request(retry);
            assertEquals(retried.getString(38), again.getString(38), "duplicate of the approved retry");
            assertEquals(available - 3_000 - 500, Wire.available(c, TestCards.TARO), "no second hold");
            assertEquals("00", c.request(Wire.reversal(before)).getString(39));
            assertEquals(available - 3_000 - 500 + 1_000, Wire.available(c, TestCards.TARO), "the reversal works again");

            String report = sw.app().reconcile(Duration.ofSeconds(20)).get();
            assertTrue(report.contains(": 0 differences"), report);
            assertFalse(report.contains("warning"), report);
        }
    }

    /**
     * A real I/O failure: the journal's first segment is /dev/full, so every write fails (ENOSPC) and
     * so does cutting the file back, which leaves the writer refusing even appends. The switch must
     * answer 91 (a dependency unavailable), not 96, and move no money.
     */
    @Test
    void aJournalOnAFullDeviceApprovesNothingAndMovesNoMoney() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "needs Linux /dev/full");
        Path journal = Files.createDirectories(dataDir.resolve("journal"));
        Files.createSymbolicLink(journal.resolve("segment-00000000000000000001.journal"), full);
        // Provisioning an opening outstanding amount is itself journaled (and would fail here): use
        // the test cards without those amounts.
        Path cards = dataDir.resolve("cards-without-outstanding.jsonl");
        try (var in = TestSwitch.class.getResourceAsStream(TestSwitch.TEST_CARDS)) {
            Files.writeString(cards, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll(",\\s*\"outstanding\"\\s*:\\s*\\d+", ""));
        }
        try (TestSwitch sw = TestSwitch.builder(dataDir).cardsFile(cards).start(); IsoTestClient c = sw.connectSignedOn()) {
            long available = Wire.available(c, TestCards.REVERSALS);
            for (int i = 0; i < 3; i++) {
                ISOMsg r = c.request(Wire.purchase(TestCards.REVERSALS, 2_000));
                assertEquals("91", r.getString(39), () -> "purchase while the journal cannot write, DE 48 " + r.getString(48));
                assertEquals("9107", Wire.reason(r));
                assertNull(r.getString(38));
            }
            assertEquals(available, Wire.available(c, TestCards.REVERSALS), "no money moved");
            String report = sw.app().reconcile(Duration.ofSeconds(20)).get();
            assertTrue(report.contains(": 0 differences"), report);
        }
    }

    /** A purchase answered 91 was not approved: it must not count towards the card's velocity window (check 14). */
    @Test
    void purchasesDeclined91DoNotCountTowardsVelocity() {
        FailingMoneyLog[] log = new FailingMoneyLog[1];
        try (TestSwitch sw = TestSwitch.builder(dataDir).moneyLog(j -> log[0] = new FailingMoneyLog(j)).start();
             IsoTestClient c = sw.connectSignedOn()) {
            log[0].failing = true;
            for (int i = 0; i < VELOCITY_MAX_APPROVALS; i++) {
                assertUnavailable(c.request(Wire.purchase(TestCards.VELOCITY, 100)));
            }
            log[0].failing = false;
            for (int i = 0; i < VELOCITY_MAX_APPROVALS; i++) {
                int n = i + 1;
                ISOMsg r = c.request(Wire.purchase(TestCards.VELOCITY, 100));
                assertEquals("00", r.getString(39), () -> "approval " + n + " of " + VELOCITY_MAX_APPROVALS
                        + " after the journal recovered, DE 48 " + r.getString(48));
            }
            assertEquals("65", c.request(Wire.purchase(TestCards.VELOCITY, 100)).getString(39), "the window is full now");
        }
    }

    private static void assertUnavailable(ISOMsg r) {
        assertEquals("91", r.getString(39), () -> "expected 91 while the journal fails, DE 48 " + r.getString(48));
        assertEquals("9107", Wire.reason(r), () -> "reason, DE 48 " + r.getString(48));
        assertNull(r.getString(38), "no approval code without a durable hold");
    }
}
