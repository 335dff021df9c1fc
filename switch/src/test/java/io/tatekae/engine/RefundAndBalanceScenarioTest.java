package io.tatekae.engine;

import io.tatekae.state.Luhn;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;


import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.balanceInquiry;
import static io.tatekae.testsupport.Messages.de54;
import static io.tatekae.engine.Scenario.purchase;
import static io.tatekae.engine.Scenario.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Refunds (DE 3 20) and balance inquiries (DE 3 30): no credit check, no hold. */
class RefundAndBalanceScenarioTest extends OneSwitchPerClass {
    @Test
    void refundApprovesWithoutCreditCheckAndPlacesNoHold() {
        TestCards card = TestCards.SMALL_CREDIT; // credit 10,000
        ISOMsg r = s.approve(refund(card, 30_000));
        assertEquals(10_000, de54(r));
        assertEquals(10_000, s.available(card));
        s.approve(purchase(card, 4_000));
        s.approve(refund(card, 4_000));
        assertEquals(6_000, s.available(card));
    }

    @Test
    void refundOnAFrozenOrPendingCardApproves() {
        s.approve(refund(TestCards.FROZEN, 1_000));
        s.approve(refund(TestCards.PENDING, 1_000));
    }

    @Test
    void refundOnAClosedCardIsDeclined62() {
        assertDeclined(s.send(refund(TestCards.CLOSED, 1_000)), "62", "1004");
    }

    @Test
    void refundOnAnUnknownCardIsDeclined14() {
        ISOMsg m = refund(TestCards.TARO, 1_000);
        Messages.set(m, 2, Luhn.withCheckDigit("354099100000999"));
        assertDeclined(s.send(m), "14", "1011");
    }

    @Test
    void balanceInquiryReturnsTheAvailableCreditAndHoldsNothing() {
        TestCards card = TestCards.MOSTLY_OWED; // 50,000 - 45,000 owed
        ISOMsg r = s.send(balanceInquiry(card));
        assertEquals("00", r.getString(39));
        assertEquals("0002392C000000005000", r.getString(54));
        assertEquals(5_000, s.available(card));
        s.approve(purchase(card, 1_200));
        assertEquals(3_800, s.available(card));
    }

    @Test
    void balanceInquiryWithAnAmountIsDeclined13() {
        ISOMsg m = balanceInquiry(TestCards.REVERSALS);
        Messages.set(m, 4, "000000000100");
        assertDeclined(s.send(m), "13", "1010");
    }

    @Test
    void balanceInquiryOnAFrozenCardIsDeclined62() {
        assertDeclined(s.send(balanceInquiry(TestCards.FROZEN)), "62", "1004");
    }
}
