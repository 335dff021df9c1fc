package io.tatekae.engine;

import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.de48;
import static io.tatekae.testsupport.Messages.de54;
import static io.tatekae.engine.Scenario.purchase;
import static io.tatekae.engine.Scenario.stan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reversals (0400/0420) and advices (0120) and what they do to the credit; a fresh switch per test. */
class ReversalScenarioTest {
    private static final TestCards CARD = TestCards.REVERSALS; // credit 50,000

    @TempDir
    Path dir;
    private TestSwitch sw;
    private Scenario s;

    @BeforeEach
    void start() throws Exception {
        sw = TestSwitch.start(dir);
        s = new Scenario(sw);
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
        sw.close();
    }

    private ISOMsg reverse(String mti, ISOMsg original, Long replacement) {
        return s.send(Messages.reversal(mti, original, stan(), replacement == null ? null : replacement.toString()));
    }

    @Test
    void fullReversalRestoresTheCredit() throws Exception {
        ISOMsg original = purchase(CARD, 8_000);
        s.approve(original);
        assertEquals(42_000, s.available(CARD));
        ISOMsg r = reverse("0400", original, null);
        assertEquals("0410", r.getMTI());
        assertEquals("00", r.getString(39));
        assertFalse(de48(r).containsKey("90"));
        assertEquals(50_000, s.available(CARD));
        assertEquals(50_000 - 700, de54(s.approve(purchase(CARD, 700))));
    }

    @Test
    void partialReversalLowersTheHoldToTheNewAmount() throws Exception {
        ISOMsg original = purchase(CARD, 10_000);
        s.approve(original);
        assertEquals("00", reverse("0400", original, 6_000L).getString(39));
        assertEquals(44_000, s.available(CARD));
        assertEquals("00", reverse("0400", original, 2_500L).getString(39));
        assertEquals(47_500, s.available(CARD));
        // A replacement above what is still held changes nothing.
        assertEquals("00", reverse("0400", original, 9_000L).getString(39));
        assertEquals(47_500, s.available(CARD));
        assertEquals("00", reverse("0400", original, null).getString(39));
        assertEquals(50_000, s.available(CARD));
    }

    @Test
    void secondReversalOfAReversedOriginalIsApprovedAndChangesNothing() throws Exception {
        ISOMsg reversed = purchase(CARD, 5_000);
        s.approve(reversed);
        s.approve(purchase(CARD, 3_000));
        assertEquals("00", reverse("0400", reversed, null).getString(39));
        assertEquals(47_000, s.available(CARD));
        ISOMsg again = reverse("0400", reversed, null);
        assertEquals("00", again.getString(39));
        assertFalse(de48(again).containsKey("90"));
        assertEquals("00", reverse("0420", reversed, null).getString(39));
        assertEquals(47_000, s.available(CARD));
    }

    @Test
    void duplicateReversalIsReplayedAndAppliedOnce() throws Exception {
        ISOMsg original = purchase(CARD, 10_000);
        s.approve(original);
        ISOMsg partial = Messages.reversal("0400", original, stan(), "4000");
        assertEquals("00", s.send(partial).getString(39));
        assertEquals(46_000, s.available(CARD));
        ISOMsg again = s.send((ISOMsg) partial.clone());
        assertEquals("0410", again.getMTI());
        assertEquals("00", again.getString(39));
        assertEquals(46_000, s.available(CARD));
    }

    @Test
    void reversalOfAnUnknownOriginalIsDeclined25() throws Exception {
        ISOMsg neverSent = purchase(CARD, 1_000);
        ISOMsg r = reverse("0400", neverSent, null);
        assertEquals("0410", r.getMTI());
        assertEquals("25", r.getString(39));
        assertEquals("1816", de48(r).get("90"));
        assertEquals(50_000, s.available(CARD));
    }

    @Test
    void reversalNamingAnotherCardsTransactionIsDeclined25AndLeavesItsHold() throws Exception {
        ISOMsg original = purchase(TestCards.SPARE, 4_000);
        s.approve(original);
        ISOMsg wrongCard = Messages.reversal("0400", original, stan(), null);
        Messages.set(wrongCard, 2, CARD.pan);
        ISOMsg r = s.send(wrongCard);
        assertEquals("25", r.getString(39));
        assertEquals("1816", de48(r).get("90"));
        assertEquals(46_000, s.available(TestCards.SPARE));
    }

    @Test
    void reversalAdviceIsAlwaysAcknowledged00() throws Exception {
        ISOMsg unknown = reverse("0420", purchase(TestCards.SPARE, 1_000), null);
        assertEquals("0430", unknown.getMTI());
        assertEquals("00", unknown.getString(39));
        ISOMsg original = purchase(CARD, 9_000);
        s.approve(original);
        ISOMsg r = reverse("0420", original, null);
        assertEquals("0430", r.getMTI());
        assertEquals("00", r.getString(39));
        assertEquals(50_000, s.available(CARD));
    }

    @Test
    void originalArrivingAfterItsReversalAdviceIsDeclined05AndHoldsNothing() throws Exception {
        ISOMsg late = purchase(CARD, 7_000);
        assertEquals("00", reverse("0420", late, null).getString(39));
        ISOMsg r = s.send(late);
        assertDeclined(r, "05", "1824");
        assertEquals(50_000, s.available(CARD));
        // Its duplicate gets the same answer.
        assertDeclined(s.send((ISOMsg) late.clone()), "05", "1824");
        assertEquals(50_000, s.available(CARD));
    }

    @Test
    void originalArrivingAfterItsReversalIsDeclined05() throws Exception {
        ISOMsg late = purchase(CARD, 7_000);
        ISOMsg reversal = reverse("0400", late, null);
        assertEquals("25", reversal.getString(39));
        assertDeclined(s.send(late), "05", "1824");
        assertEquals(50_000, s.available(CARD));
    }

    @Test
    void approvedAdvicePlacesItsHoldEvenOverTheCredit() throws Exception {
        TestCards card = TestCards.SMALL_CREDIT; // credit 10,000
        ISOMsg stoodIn = purchase(card, 15_000);
        ISOMsg r = s.send(Messages.advice(stoodIn, stan(), "00"));
        assertEquals("0130", r.getMTI());
        assertEquals("00", r.getString(39));
        assertNull(r.getString(54), "a 0130 carries no DE 54");
        assertDeclined(s.send(purchase(card, 100)), "51", "1016");
        assertEquals(-5_000, s.available(card));
    }

    @Test
    void declinedAdviceHoldsNothingAndAnAdviceCanBeReversed() throws Exception {
        TestCards card = TestCards.SMALL_CREDIT;
        ISOMsg declined = Messages.advice(purchase(card, 3_000), stan(), "05");
        assertEquals("00", s.send(declined).getString(39));
        assertEquals(10_000, s.available(card));
        ISOMsg approved = Messages.advice(purchase(card, 4_000), stan(), "00");
        assertEquals("00", s.send(approved).getString(39));
        assertEquals(6_000, s.available(card));
        assertEquals("00", reverse("0400", approved, null).getString(39));
        assertEquals(10_000, s.available(card));
    }

    @Test
    void duplicateAdvicePlacesOneHold() throws Exception {
        TestCards card = TestCards.SMALL_CREDIT;
        ISOMsg advice = Messages.advice(purchase(card, 2_500), stan(), "00");
        assertEquals("00", s.send(advice).getString(39));
        assertEquals("00", s.send((ISOMsg) advice.clone()).getString(39));
        assertEquals(7_500, s.available(card));
    }

    @Test
    void duplicateOfAReversedOriginalGetsItsOriginalAnswerAndHoldsNothing() throws Exception {
        ISOMsg original = purchase(CARD, 6_000);
        ISOMsg first = s.approve(original);
        assertEquals("00", reverse("0400", original, null).getString(39));
        ISOMsg again = s.send((ISOMsg) original.clone());
        assertEquals("00", again.getString(39));
        assertEquals(first.getString(38), again.getString(38));
        assertEquals(50_000, s.available(CARD));
    }
}
