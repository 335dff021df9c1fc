package io.tatekae.engine;

import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.de48;
import static io.tatekae.testsupport.Messages.de54;
import static io.tatekae.engine.Scenario.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Approvals and their holds, policy checks 14 (velocity) and 15 (credit). Each test uses its own account. */
class CreditAndVelocityScenarioTest extends OneSwitchPerClass {
    @Test
    void approvalCarriesAuthCodeResultsAndTheCreditLeftAfterItsHold() throws Exception {
        TestCards card = TestCards.SPARE;
        ISOMsg r = s.approve(purchase(card, 12_345));
        assertEquals("0110", r.getMTI());
        assertEquals("0002392C000000037655", r.getString(54));
        assertEquals("M", de48(r).get("87"));
        assertEquals("M", de48(r).get("88"));
        for (int de : new int[] {2, 3, 4, 7, 11, 32, 37, 41, 42, 49}) {
            assertTrue(r.hasField(de), "echoes DE " + de);
        }
        assertEquals(37_655, s.available(card));
        ISOMsg second = s.approve(purchase(card, 7_655));
        assertEquals(30_000, de54(second));
        assertEquals(30_000, s.available(card));
    }

    @Test
    void authCodesAreUniqueAcrossApprovals() {
        Set<String> codes = new HashSet<>();
        int approvals = 0;
        for (TestCards card : new TestCards[] {TestCards.TARO, TestCards.HANAKO, TestCards.REVERSALS}) {
            for (int i = 0; i < 5; i++) {
                codes.add(s.approve(purchase(card, 100 + i)).getString(38));
                codes.add(s.send(Scenario.balanceInquiry(card)).getString(38));
                approvals += 2;
            }
        }
        assertEquals(approvals, codes.size(), () -> "DE 38 codes repeat: " + codes);
    }

    @Test
    void purchaseOverTheAvailableCreditIsDeclined51AndExactlyTheCreditApproves() {
        TestCards card = TestCards.MOSTLY_OWED; // limit 50,000, owes 45,000
        assertEquals(5_000, s.available(card));
        ISOMsg over = s.send(purchase(card, 5_001));
        assertDeclined(over, "51", "1016");
        assertEquals(5_000, s.available(card));
        ISOMsg exact = s.approve(purchase(card, 5_000));
        assertEquals(0, de54(exact));
        assertDeclined(s.send(purchase(card, 1)), "51", "1016");
        assertEquals(0, s.available(card));
    }

    @Test
    void holdOnOneCardLowersTheOtherCardsCreditAtOnce() {
        // Account A0000001: credit 50,000; TARO limit 50,000, HANAKO limit 30,000. The auth-code test may
        // have run first and held a little on this account, so the start is read, not assumed.
        long taroBefore = s.available(TestCards.TARO);
        long hanakoBefore = s.available(TestCards.HANAKO);
        long held = 50_000 - taroBefore;
        assertEquals(Math.min(30_000, 50_000) - held, hanakoBefore);
        long amount = hanakoBefore - 5_000;
        ISOMsg onTaro = s.approve(purchase(TestCards.TARO, amount));
        assertEquals(taroBefore - amount, de54(onTaro));
        assertEquals(5_000, s.available(TestCards.HANAKO));
        assertDeclined(s.send(purchase(TestCards.HANAKO, 5_001)), "51", "1016");
        ISOMsg onHanako = s.approve(purchase(TestCards.HANAKO, 5_000));
        assertEquals(0, de54(onHanako));
        assertEquals(taroBefore - amount - 5_000, s.available(TestCards.TARO));
    }

    @Test
    void purchaseUpToTheTransactionLimitApproves() {
        TestCards card = TestCards.CONCURRENCY;
        assertDeclined(s.send(purchase(card, 50_001)), "61", "1021");
        ISOMsg r = s.approve(purchase(card, 50_000));
        assertEquals(0, de54(r));
    }

    @Test
    void eleventhApprovedPurchaseInTheWindowIsDeclined65() {
        TestCards card = TestCards.VELOCITY;
        // Declines, refunds and balance inquiries do not count.
        assertDeclined(s.send(Messages.set(purchase(card, 100), 18, "6540")), "57", "1019");
        assertDeclined(s.send(purchase(card, 60_000)), "61", "1021");
        s.approve(Scenario.refund(card, 500));
        s.available(card);
        for (int i = 1; i <= 10; i++) {
            s.approve(purchase(card, 100));
        }
        ISOMsg eleventh = s.send(purchase(card, 100));
        assertDeclined(eleventh, "65", "1023");
        assertEquals(50_000 - 1_000, s.available(card));
        s.approve(Scenario.refund(card, 100));
    }

    @Test
    void blockedMerchantDecidesBeforeCredit() {
        TestCards card = TestCards.SMALL_CREDIT; // credit 10,000
        assertDeclined(s.send(Messages.set(purchase(card, 20_000), 18, "5816")), "57", "1019");
        assertDeclined(s.send(purchase(card, 20_000)), "51", "1016");
        assertEquals(10_000, s.available(card));
    }
}
