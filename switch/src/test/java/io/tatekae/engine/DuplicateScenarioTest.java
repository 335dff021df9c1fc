package io.tatekae.engine;

import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;


import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Duplicate transmissions (profile §7): same DE 7 + 11 + 32 + MTI. */
class DuplicateScenarioTest extends OneSwitchPerClass {
    @Test
    void sameContentGetsTheOriginalAnswerAndNoSecondHold() throws Exception {
        TestCards card = TestCards.SPARE;
        ISOMsg m = purchase(card, 3_000);
        ISOMsg first = s.approve(m);
        ISOMsg again = s.send((ISOMsg) m.clone());
        Scenario.assertApproved(again);
        assertEquals(first.getString(38), again.getString(38));
        assertEquals(first.getString(48), again.getString(48));
        assertEquals(first.getString(54), again.getString(54));
        assertEquals(47_000, s.available(card));
        ISOMsg third = s.send((ISOMsg) m.clone());
        assertEquals(first.getString(38), third.getString(38));
        assertEquals(47_000, s.available(card));
    }

    @Test
    void differentAmountOrMerchantIsDeclined94AndChangesNothing() throws Exception {
        TestCards card = TestCards.REVERSALS;
        ISOMsg m = purchase(card, 2_000);
        s.approve(m);
        ISOMsg otherAmount = Messages.set((ISOMsg) m.clone(), 4, "000000002500");
        assertDeclined(s.send(otherAmount), "94", "9113");
        ISOMsg otherMerchant = Messages.set((ISOMsg) m.clone(), 42, "MERCHANT0000002");
        assertDeclined(s.send(otherMerchant), "94", "9113");
        ISOMsg otherType = Messages.set((ISOMsg) m.clone(), 3, "200000");
        assertDeclined(s.send(otherType), "94", "9113");
        ISOMsg otherCard = TestCards.SMALL_CREDIT.purchase(2_000, m.getString(11));
        assertDeclined(s.send(otherCard), "94", "9113");
        assertEquals(48_000, s.available(card));
        assertEquals(10_000, s.available(TestCards.SMALL_CREDIT));
    }

    @Test
    void declineIsReplayedToo() throws Exception {
        TestCards card = TestCards.MOSTLY_OWED; // 5,000 available
        ISOMsg m = purchase(card, 6_000);
        ISOMsg first = s.send(m);
        assertDeclined(first, "51", "1016");
        ISOMsg again = s.send((ISOMsg) m.clone());
        assertDeclined(again, "51", "1016");
        assertEquals(first.getString(48), again.getString(48));
        assertEquals(5_000, s.available(card));
    }

    @Test
    void sameStanWithAnotherTransmissionTimeIsANewRequest() throws Exception {
        TestCards card = TestCards.HANAKO; // 30,000
        ISOMsg m = purchase(card, 1_000);
        ISOMsg first = s.approve(m);
        ISOMsg later = Messages.set((ISOMsg) m.clone(), 7, "1123120101");
        ISOMsg second = s.approve(later);
        assertEquals(28_000, s.available(card));
        assertEquals(false, first.getString(38).equals(second.getString(38)));
    }
}
