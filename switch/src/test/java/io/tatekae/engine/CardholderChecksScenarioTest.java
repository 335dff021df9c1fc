package io.tatekae.engine;

import io.tatekae.state.Luhn;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;


import static io.tatekae.engine.Scenario.assertApproved;
import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.purchase;
import static io.tatekae.engine.Scenario.results;
import static io.tatekae.engine.Scenario.stan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Policy checks 2 to 7 (card, status, account, expiry, CAV2, name) over real TCP: profile §7 rows. */
class CardholderChecksScenarioTest extends OneSwitchPerClass {
    /** An approvable purchase for a PAN that is not a test card. */
    private static ISOMsg purchaseWithPan(String pan) {
        return Messages.purchase(pan, "3012", "TARO YAMADA", 1000, stan());
    }

    @Test
    void unknownCardWithAValidLuhnDigitIsDeclined14() {
        String pan = Luhn.withCheckDigit("354099100000999");
        ISOMsg r = s.send(purchaseWithPan(pan));
        assertDeclined(r, "14", "1011");
    }

    @Test
    void knownCardNumberWithAWrongCheckDigitIsDeclined14() {
        String good = TestCards.TARO.pan;
        String bad = good.substring(0, 15) + (char) ('0' + (good.charAt(15) - '0' + 1) % 10);
        ISOMsg r = s.send(purchaseWithPan(bad));
        assertDeclined(r, "14", "1011");
    }

    @ParameterizedTest
    @EnumSource(value = TestCards.class, names = {"FROZEN", "PENDING", "CLOSED"})
    void cardNotActiveIsDeclined62(TestCards card) {
        assertDeclined(s.send(purchase(card, 1000)), "62", "1004");
    }

    @Test
    void delinquentAccountIsDeclined05() {
        assertDeclined(s.send(purchase(TestCards.DELINQUENT, 1000)), "05", "1005");
    }

    @Test
    void cardPastItsExpiryMonthIsDeclined54() {
        assertDeclined(s.send(purchase(TestCards.EXPIRED, 1000)), "54", "1001");
    }

    @Test
    void expiryDifferingFromTheCardsIsDeclined54() {
        ISOMsg later = purchase(TestCards.TARO, 1000);
        Messages.set(later, 14, "3101");
        assertDeclined(s.send(later), "54", "1001");
        ISOMsg earlier = purchase(TestCards.TARO, 1000);
        Messages.set(earlier, 14, "3011");
        assertDeclined(s.send(earlier), "54", "1001");
    }

    @Test
    void wrongCav2IsDeclinedN7AndReportedN() {
        TestCards c = TestCards.TARO;
        String good = Messages.cav2(c.pan, c.expiry);
        String wrong = String.format("%03d", (Integer.parseInt(good) + 1) % 1000);
        ISOMsg m = purchase(c, 1000);
        Messages.set(m, 48, Messages.tlv("01", c.name, "42", "05", "92", wrong));
        ISOMsg r = s.send(m);
        assertDeclined(r, "N7", "1045");
        assertEquals("N", Scenario.de48(r).get("87"));
    }

    @ParameterizedTest(name = "DE 22 {0}, DE 25 {1}")
    @CsvSource({"810, 59", "010, 08", "010, 59"})
    void missingCav2OnEcommerceOrKeyEntryIsDeclined05(String entryMode, String condition) {
        TestCards c = TestCards.TARO;
        ISOMsg m = purchase(c, 1000);
        Messages.set(m, 22, entryMode);
        Messages.set(m, 25, condition);
        Messages.set(m, 48, Messages.tlv("01", c.name, "42", "05"));
        ISOMsg r = s.send(m);
        assertDeclined(r, "05", "1046");
        assertEquals("P", Scenario.de48(r).get("87"));
    }

    @Test
    void credentialOnFileNeedsNoCav2() {
        TestCards c = TestCards.TARO;
        ISOMsg m = purchase(c, 1000);
        Messages.set(m, 22, "100");
        Messages.set(m, 48, Messages.tlv("01", c.name, "42", "05"));
        ISOMsg r = s.send(m);
        assertApproved(r);
        assertEquals("P/M", results(r));
    }

    @Test
    void nameThatDoesNotMatchIsDeclined05() {
        ISOMsg r = s.send(withTypedName(TestCards.TARO, "ICHIRO SUZUKI"));
        assertDeclined(r, "05", "1047");
        assertEquals("M/N", results(r));
    }

    @Test
    void nameWithKanaOrFullWidthLettersIsDeclined05() {
        ISOMsg r = s.send(withTypedName(TestCards.TARO, "ＴＡＲＯ ＹＡＭＡＤＡ"));
        assertDeclined(r, "05", "1047");
        assertEquals("M/N", results(r));
    }

    @ParameterizedTest(name = "{0} typed {1} -> {2}")
    @CsvSource({
            "TARO, TARO YAMADA, M",
            "TARO, YAMADA TARO, M",
            "TARO, 'taro   yamada', M",
            "TARO, JIRO YAMADA, P",
            "TARO, YAMADA, P",
            "REVERSALS, SYUNSUKE HOMMA, M",
            "REVERSALS, HOMMA SHUNSUKE, M",
            "SMALL_CREDIT, SYOUTA SATOU, M",
            "SMALL_CREDIT, SATOH SHOTA, M",
    })
    void matchingOrPartialNamesApproveAndAreReported(TestCards card, String typed, String expected) {
        ISOMsg r = s.send(withTypedName(card, typed));
        assertApproved(r);
        assertEquals("M/" + expected, results(r));
    }

    @Test
    void noNameSentIsNotCheckedAndReportedU() {
        TestCards c = TestCards.TARO;
        ISOMsg m = purchase(c, 1000);
        Messages.set(m, 48, Messages.tlv("42", "05", "92", Messages.cav2(c.pan, c.expiry)));
        ISOMsg r = s.send(m);
        assertApproved(r);
        assertEquals("M/U", results(r));
    }

    @Test
    void emptyNameTagCountsAsNoName() {
        TestCards c = TestCards.TARO;
        ISOMsg m = purchase(c, 1000);
        Messages.set(m, 48, "0100" + Messages.tlv("42", "05", "92", Messages.cav2(c.pan, c.expiry)));
        ISOMsg r = s.send(m);
        assertApproved(r);
        assertEquals("M/U", results(r));
    }

    @Test
    void firstFailingCheckDecides() {
        // Frozen and wrong CAV2: the card status (check 3) decides.
        assertDeclined(s.send(withWrongCav2(purchase(TestCards.FROZEN, 1000))), "62", "1004");
        // Delinquent and expired: the account (check 4) decides.
        ISOMsg delinquentExpired = purchase(TestCards.DELINQUENT, 1000);
        Messages.set(delinquentExpired, 14, "2401");
        assertDeclined(s.send(delinquentExpired), "05", "1005");
        // Expired and wrong CAV2: expiry (check 5).
        assertDeclined(s.send(withWrongCav2(purchase(TestCards.EXPIRED, 1000))), "54", "1001");
        // Wrong CAV2 and a name that does not match: CAV2 (check 6).
        ISOMsg cav2AndName = withTypedName(TestCards.TARO, "ICHIRO SUZUKI");
        assertDeclined(s.send(withWrongCav2(cav2AndName)), "N7", "1045");
        // Unknown card with everything else wrong too: the card (check 2).
        ISOMsg unknown = withWrongCav2(purchaseWithPan(Luhn.withCheckDigit("354099100000999")));
        Messages.set(unknown, 18, "6540");
        assertDeclined(s.send(unknown), "14", "1011");
    }

    static ISOMsg withTypedName(TestCards c, String typed) {
        ISOMsg m = purchase(c, 1000);
        Messages.set(m, 48, Messages.tlv("01", typed, "42", "05", "92", Messages.cav2(c.pan, c.expiry)));
        return m;
    }

    /** Replaces the CAV2 (DE 48 tag 92) with another three digits. */
    static ISOMsg withWrongCav2(ISOMsg m) {
        StringBuilder de48 = new StringBuilder();
        for (var tag : Scenario.de48(m).entrySet()) {
            String v = tag.getKey().equals("92") ? String.format("%03d", (Integer.parseInt(tag.getValue()) + 1) % 1000) : tag.getValue();
            de48.append(Messages.tlv(tag.getKey(), v));
        }
        return Messages.set(m, 48, de48.toString());
    }
}
