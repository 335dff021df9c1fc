package io.tatekae.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.testsupport.FaultyDisk;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real storage faults under the journal writer (a channel that fails writes, fsyncs and truncations as
 * a full or failing device does): every purchase in a batch that could not be made durable is
 * answered 91 and moves no money, nothing half-written survives, and the switch approves again by
 * itself once the device works — no restart. A restart afterwards replays exactly what was approved.
 */
@Timeout(120)
class JournalStorageFaultTest {
    private static final String DURABLE = "journal:\n  fsync: durable\npolicy:\n  velocityMaxApprovals: 32\n";
    private static final List<TestCards> CARDS = List.of(TestCards.TARO, TestCards.REVERSALS, TestCards.SPARE,
            TestCards.CONCURRENCY);

    @TempDir
    Path dataDir;

    @Test
    void aFullDeviceThatCannotEvenBeCutBackAnswers91AndTheSwitchRecoversByItself() throws Exception {
        FaultyDisk disk = new FaultyDisk();
        long approved = 1_000;
        long available;
        try (TestSwitch sw = TestSwitch.builder(dataDir).yaml(DURABLE).journalFiles(disk).start();
             IsoTestClient c = sw.connectSignedOn()) {
            available = Wire.available(c, TestCards.TARO);
            Wire.assertApproved(c.request(Wire.purchase(TestCards.TARO, 1_000)));
            disk.full = true;
            disk.truncateFails = true; // the failed batch cannot be cut back: the writer is left broken
            for (int i = 0; i < 3; i++) {
                ISOMsg r = c.request(Wire.purchase(TestCards.TARO, 500));
                assertEquals("91", r.getString(39), "purchase on a full device");
                assertEquals("9107", Wire.reason(r));
            }
            assertEquals(available - 1_000, Wire.available(c, TestCards.TARO), "no money moved while the device was full");
            disk.heal();
            approved += approveWithin(c, TestCards.TARO, 200, Duration.ofSeconds(5));
            assertEquals(available - approved, Wire.available(c, TestCards.TARO), "approving again, without a restart");
        }
        try (TestSwitch sw = TestSwitch.builder(dataDir).yaml(DURABLE).cards(null).start(); IsoTestClient c = sw.connectSignedOn()) {
            assertEquals(available - approved, Wire.available(c, TestCards.TARO), "the journal replays what was approved, only that");
            String report = sw.app().reconcile(Duration.ofSeconds(20)).get();
            assertTrue(report.contains(": 0 differences"), report);
        }
    }

    /**
     * fsync fails on and off while purchases keep coming: each answer is either an approval, whose
     * hold must survive a restart, or 91, which must leave nothing behind.
     */
    @Test
    void fsyncFailingOnAndOffUnderLoadKeepsExactlyTheApprovalsTheClientSaw() throws Exception {
        FaultyDisk disk = new FaultyDisk();
        long[] approvedYen = new long[CARDS.size()];
        long[] before = new long[CARDS.size()];
        int answered91 = 0;
        int approvals = 0;
        try (TestSwitch sw = TestSwitch.builder(dataDir).yaml(DURABLE).journalFiles(disk).start();
             IsoTestClient c = sw.connectSignedOn()) {
            for (int i = 0; i < CARDS.size(); i++) {
                before[i] = Wire.available(c, CARDS.get(i));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            Thread flapper = new Thread(() -> {
                while (running.get()) {
                    disk.forceFails = ThreadLocalRandom.current().nextInt(3) == 0;
                    sleep(3);
                }
                disk.heal();
            });
            flapper.start();
            try {
                List<ISOMsg> toReverse = new ArrayList<>();
                for (int n = 0; n < 120; n++) {
                    int card = n % CARDS.size();
                    ISOMsg purchase = Wire.purchase(CARDS.get(card), 10 + n);
                    ISOMsg r = c.request(purchase);
                    if ("00".equals(r.getString(39))) {
                        approvals++;
                        approvedYen[card] += 10 + n;
                        if (n % 5 == 0) {
                            toReverse.add(purchase);
                        }
                    } else {
                        assertEquals("91", r.getString(39), "a purchase is approved or answered 91, nothing else");
                        answered91++;
                    }
                }
                for (ISOMsg purchase : toReverse) {
                    int card = CARDS.indexOf(cardOf(purchase));
                    ISOMsg r = c.request(Wire.reversal(purchase));
                    if ("00".equals(r.getString(39))) {
                        approvedYen[card] -= Long.parseLong(purchase.getString(4));
                    } else {
                        assertEquals("91", r.getString(39), "a reversal is done or answered 91");
                    }
                }
            } finally {
                running.set(false);
                flapper.join();
            }
            for (int i = 0; i < CARDS.size(); i++) {
                assertEquals(before[i] - approvedYen[i], Wire.available(c, CARDS.get(i)), "credit of " + CARDS.get(i));
            }
        }
        assertTrue(answered91 > 0 && approvals > 0, "the faults came and went: " + approvals + " approved, " + answered91 + " answered 91");
        try (TestSwitch sw = TestSwitch.builder(dataDir).yaml(DURABLE).cards(null).start(); IsoTestClient c = sw.connectSignedOn()) {
            for (int i = 0; i < CARDS.size(); i++) {
                assertEquals(before[i] - approvedYen[i], Wire.available(c, CARDS.get(i)), "after a restart, credit of " + CARDS.get(i));
            }
            String report = sw.app().reconcile(Duration.ofSeconds(20)).get();
            assertTrue(report.contains(": 0 differences"), report);
        }
    }

    private static TestCards cardOf(ISOMsg purchase) {
        for (TestCards card : CARDS) {
            if (card.pan.equals(purchase.getString(2))) {
                return card;
            }
        }
        throw new AssertionError("no test card " + purchase.getString(2));
    }

    /** Sends the purchase until it is approved (each refusal must be 91); returns the amount approved. */
    private static long approveWithin(IsoTestClient c, TestCards card, long amount, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            ISOMsg r = c.request(Wire.purchase(card, amount));
            if ("00".equals(r.getString(39))) {
                return amount;
            }
            assertEquals("91", r.getString(39), "while the journal recovers");
            assertTrue(System.nanoTime() < deadline, "still answering 91 " + limit + " after the device recovered");
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
