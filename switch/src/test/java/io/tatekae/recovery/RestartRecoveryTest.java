package io.tatekae.recovery;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clean stop and a start on the same data folder: the journal replay must give back the same
 * credit, the same duplicate answers, reversible originals, the velocity window and an approval-code
 * counter that moves on.
 */
class RestartRecoveryTest {
    private static final List<TestCards> ACCOUNTS =
            List.of(TestCards.TARO, TestCards.REVERSALS, TestCards.SPARE, TestCards.CONCURRENCY, TestCards.VELOCITY);

    /** The default policy's velocityMaxApprovals (approved purchases per card in 24 hours). */
    private static final int VELOCITY_MAX_APPROVALS = 10;
    private static final int VELOCITY_BEFORE_STOP = 6;

    @TempDir
    Path dataDir;

    @Test
    void moneyStateDuplicatesReversalsAndApprovalCodesSurviveARestart() throws Exception {
        Set<String> codes = new HashSet<>();
        ISOMsg taroPurchase = Wire.purchase(TestCards.TARO, 3_000);
        ISOMsg taroAnswer;
        ISOMsg advice;
        ISOMsg toReverseLater = Wire.purchase(TestCards.CONCURRENCY, 1_500);
        Map<TestCards, Long> before = new EnumMap<>(TestCards.class);
        try (TestSwitch sw = TestSwitch.start(dataDir); IsoTestClient c = sw.connectSignedOn()) {
            taroAnswer = approve(c, taroPurchase, codes);
            approve(c, Wire.purchase(TestCards.HANAKO, 2_000), codes);
            ISOMsg partly = Wire.purchase(TestCards.REVERSALS, 5_000);
            approve(c, partly, codes);
            ISOMsg partial = c.request(Messages.reversal("0400", partly, Wire.stan(), "2000"));
            assertEquals("00", partial.getString(39), "partial reversal");
            advice = Messages.advice(Wire.purchase(TestCards.SPARE, 4_000), Wire.stan(), "00");
            assertEquals("00", c.request(advice).getString(39), "advice");
            approve(c, toReverseLater, codes);
            for (int i = 0; i < VELOCITY_BEFORE_STOP; i++) {
                approve(c, Wire.purchase(TestCards.VELOCITY, 100), codes);
            }
            for (TestCards card : ACCOUNTS) {
                before.put(card, Wire.available(c, card));
            }
        }
        assertEquals(50_000 - 3_000 - 2_000, before.get(TestCards.TARO), "credit before the stop (A0000001)");
        assertEquals(50_000 - 2_000, before.get(TestCards.REVERSALS), "partial reversal left 2,000 held");
        assertEquals(50_000 - 4_000, before.get(TestCards.SPARE), "advice hold");

        try (TestSwitch sw = TestSwitch.builder(dataDir).cards(null).start(); IsoTestClient c = sw.connectSignedOn()) {
            for (TestCards card : ACCOUNTS) {
                assertEquals(before.get(card), Wire.available(c, card), () -> "available credit of " + card.account + " after restart");
            }

            ISOMsg again = c.request(taroPurchase);
            assertEquals(taroAnswer.getString(39), again.getString(39), "duplicate after restart: DE 39");
            assertEquals(taroAnswer.getString(38), again.getString(38), "duplicate after restart: DE 38");
            assertEquals("00", c.request(advice).getString(39), "duplicate advice after restart");
            assertEquals(before.get(TestCards.TARO), Wire.available(c, TestCards.TARO), "a duplicate places no second hold");
            assertEquals(before.get(TestCards.SPARE), Wire.available(c, TestCards.SPARE), "a duplicate advice places no second hold");

            ISOMsg reversed = c.request(Wire.reversal(toReverseLater));
            assertEquals("00", reversed.getString(39), () -> "0400 of a pre-restart approval, DE 48 " + reversed.getString(48));
            assertEquals(before.get(TestCards.CONCURRENCY) + 1_500, Wire.available(c, TestCards.CONCURRENCY),
                    "the reversal restores the credit");

            for (int i = VELOCITY_BEFORE_STOP; i < VELOCITY_MAX_APPROVALS; i++) {
                ISOMsg r = c.request(Wire.purchase(TestCards.VELOCITY, 100));
                Wire.assertApproved(r);
                assertFalse(codes.contains(r.getString(38)), () -> "DE 38 " + r.getString(38) + " reused after restart");
                codes.add(r.getString(38));
            }
            ISOMsg overVelocity = c.request(Wire.purchase(TestCards.VELOCITY, 100));
            assertEquals("65", overVelocity.getString(39), "the velocity window counts the approvals from before the restart");
            assertEquals("1023", Wire.reason(overVelocity));
            assertEquals(before.get(TestCards.VELOCITY) - 100L * (VELOCITY_MAX_APPROVALS - VELOCITY_BEFORE_STOP),
                    Wire.available(c, TestCards.VELOCITY));

            String report = sw.app().reconcile(Duration.ofSeconds(20)).get();
            assertTrue(report.contains(": 0 differences"), report);
            assertFalse(report.contains("warning"), report);
        }
    }

    private static ISOMsg approve(IsoTestClient c, ISOMsg purchase, Set<String> codes) {
        ISOMsg r = c.request(purchase);
        Wire.assertApproved(r);
        assertTrue(codes.add(r.getString(38)), () -> "DE 38 issued twice: " + r.getString(38));
        return r;
    }
}
