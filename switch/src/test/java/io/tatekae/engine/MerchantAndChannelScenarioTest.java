package io.tatekae.engine;

import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static io.tatekae.engine.Scenario.assertApproved;
import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.merchantName;
import static io.tatekae.engine.Scenario.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Policy checks 8 to 13 (type, entry mode, domestic only, merchants, subscriptions, 3-D Secure, amount). */
class MerchantAndChannelScenarioTest extends OneSwitchPerClass {
    private static final TestCards CARD = TestCards.TARO;

    private static ISOMsg with(int de, String value) {
        return Messages.set(purchase(CARD, 1000), de, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"010000", "110000", "280000", "400000"})
    void unsupportedTransactionTypeIsDeclined12(String processingCode) {
        ISOMsg r = s.send(with(3, processingCode));
        assertDeclined(r, "12", "1061");
    }

    @ParameterizedTest
    @ValueSource(strings = {"051", "071", "901", "911"})
    void cardPresentEntryModeIsDeclined57(String entryMode) {
        assertDeclined(s.send(with(22, entryMode)), "57", "1022");
    }

    @ParameterizedTest
    @ValueSource(strings = {"840", "978", "156"})
    void currencyOtherThanYenIsDeclined57(String currency) {
        assertDeclined(s.send(with(49, currency)), "57", "1030");
    }

    @Test
    void acquirerOutsideJapanIsDeclined62() {
        assertDeclined(s.send(with(19, "840")), "62", "1031");
    }

    @Test
    void merchantCountryOutsideJapanIsDeclined62() {
        ISOMsg m = with(43, merchantName("TATEKAE DENKI ONLINE", "SEOUL", "KR"));
        assertDeclined(s.send(m), "62", "1031");
    }

    @Test
    void posCountryOutsideJapanIsDeclined62ButZeroIsIgnored() {
        assertDeclined(s.send(with(61, "0005000000000840")), "62", "1031");
        s.approve(with(61, "0005000000000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6540", "6529", "6530", "4829", "6051", "5816", "7922", "7995", "6211"})
    void blockedMerchantCategoryIsDeclined57(String mcc) {
        assertDeclined(s.send(with(18, mcc)), "57", "1019");
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPLE ITUNES STORE", "ACME GIFT CARDS", "Google Play Japan", "prepaid plaza"})
    void blockedMerchantNamePatternIsDeclined57(String name) {
        assertDeclined(s.send(with(43, merchantName(name, "TOKYO", "JP"))), "57", "1019");
    }

    @Test
    void recurringPaymentIsDeclined57() {
        assertDeclined(s.send(with(61, "0004000000000392")), "57", "1020");
    }

    @Test
    void subscriptionMerchantIsDeclined57() {
        assertDeclined(s.send(with(18, "5968")), "57", "1020");
    }

    @Test
    void ecommerceWithoutEciIsDeclined1A() {
        ISOMsg m = purchase(CARD, 1000);
        Messages.set(m, 48, Messages.tlv("01", CARD.name, "92", Messages.cav2(CARD.pan, CARD.expiry)));
        assertDeclined(s.send(m), "1A", "1067");
    }

    @Test
    void ecommerceWithEci07IsDeclined1A() {
        assertDeclined(s.send(withEci("07")), "1A", "1067");
    }

    @Test
    void ecommerceByConditionCodeAloneNeedsEciToo() {
        ISOMsg m = purchase(CARD, 1000);
        Messages.set(m, 22, "010");
        Messages.set(m, 48, Messages.tlv("01", CARD.name, "92", Messages.cav2(CARD.pan, CARD.expiry)));
        assertDeclined(s.send(m), "1A", "1067");
    }

    @Test
    void attemptedAuthenticationEci06Approves() {
        s.approve(withEci("06"));
    }

    @Test
    void credentialOnFileIsExemptFrom3DSecure() {
        ISOMsg m = purchase(CARD, 1000);
        Messages.set(m, 22, "100");
        Messages.set(m, 48, Messages.tlv("01", CARD.name));
        ISOMsg r = s.send(m);
        assertApproved(r);
        assertEquals("P/M", Scenario.results(r));
    }

    @Test
    void mailOrderKeyEntryIsNotEcommerce() {
        ISOMsg m = purchase(CARD, 1000);
        Messages.set(m, 22, "010");
        Messages.set(m, 25, "08");
        Messages.set(m, 61, "0002000000000392");
        Messages.set(m, 48, Messages.tlv("01", CARD.name, "92", Messages.cav2(CARD.pan, CARD.expiry)));
        s.approve(m);
    }

    @Test
    void zeroAmountIsDeclined13() {
        assertDeclined(s.send(purchase(CARD, 0)), "13", "1010");
    }

    @Test
    void amountOverThePerTransactionLimitIsDeclined61() {
        assertDeclined(s.send(purchase(CARD, 50_001)), "61", "1021");
    }

    @Test
    void firstFailingCheckDecides() {
        // Wrong CAV2 and blocked MCC: CAV2 (check 6) before merchant (check 10).
        ISOMsg cav2AndMcc = CardholderChecksScenarioTest.withWrongCav2(with(18, "6540"));
        ISOMsg r = s.send(cav2AndMcc);
        assertDeclined(r, "N7", "1045");
        assertEquals("N", Scenario.de48(r).get("87"));
        // Blocked MCC and over the limits: merchant (check 10) before amount (13) and credit (15).
        ISOMsg mccAndAmount = Messages.set(purchase(CARD, 60_000), 18, "6540");
        assertDeclined(s.send(mccAndAmount), "57", "1019");
        // Name mismatch and card present: name (check 7) before entry mode (check 8).
        ISOMsg nameAndEntry = Messages.set(CardholderChecksScenarioTest.withTypedName(CARD, "ICHIRO SUZUKI"), 22, "051");
        assertDeclined(s.send(nameAndEntry), "05", "1047");
        // Card present and foreign currency: entry mode (8) before domestic (9).
        assertDeclined(s.send(Messages.set(with(22, "051"), 49, "840")), "57", "1022");
        // Foreign currency and blocked MCC: domestic (9) before merchant (10).
        assertDeclined(s.send(Messages.set(with(49, "840"), 18, "6540")), "57", "1030");
        assertDeclined(s.send(Messages.set(with(19, "840"), 18, "6540")), "62", "1031");
        // Blocked MCC and recurring: merchant (10) before subscription (11).
        assertDeclined(s.send(Messages.set(with(18, "6540"), 61, "0004000000000392")), "57", "1019");
        // Recurring without 3-D Secure: subscription (11) before 3-D Secure (12).
        ISOMsg recurringNo3ds = withEci("07");
        Messages.set(recurringNo3ds, 61, "0004000000000392");
        assertDeclined(s.send(recurringNo3ds), "57", "1020");
        // No 3-D Secure and zero amount: 3-D Secure (12) before amount (13).
        ISOMsg zeroNo3ds = withEci("07");
        Messages.set(zeroNo3ds, 4, "000000000000");
        assertDeclined(s.send(zeroNo3ds), "1A", "1067");
    }

    private static ISOMsg withEci(String eci) {
        ISOMsg m = purchase(CARD, 1000);
        Messages.set(m, 48, Messages.tlv("01", CARD.name, "42", eci, "92", Messages.cav2(CARD.pan, CARD.expiry)));
        return m;
    }
}
