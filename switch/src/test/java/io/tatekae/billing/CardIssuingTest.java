package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatekae.state.Luhn;
import io.tatekae.testsupport.Messages;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app card (billing.md §6, issue 13) over a real switch: each condition refused alone and all
 * together in words support can read out, the boundaries, the history provisioning brings and the
 * switch's own statements, and a new card that works at once over TCP.
 */
class CardIssuingTest {
    @TempDir
    Path dir;

    private static String account(String id, boolean kyc, String status, String history) {
        return "{\"type\":\"account\",\"id\":\"" + id + "\",\"creditLimit\":50000,\"plan\":\"STANDARD\",\"status\":\"" + status
                + "\",\"kycVerified\":" + kyc + (history == null ? "" : ",\"history\":" + history) + "}\n";
    }

    private static String history(int closed, int late, int purchases, long yen) {
        return "{\"statementsClosed\":" + closed + ",\"statementsLate\":" + late + ",\"purchases\":" + purchases
                + ",\"purchaseYen\":" + yen + "}";
    }

    private static final String CARDS = account("E1", true, "GOOD", history(2, 0, 3, 3_000))
            + account("KYC", false, "GOOD", history(2, 0, 4, 6_120))
            + account("S1", true, "GOOD", history(1, 0, 4, 6_120))
            + account("P2", true, "GOOD", history(2, 0, 2, 6_120))
            + account("Y2999", true, "GOOD", history(2, 0, 3, 2_999))
            + account("LATE", true, "GOOD", history(2, 1, 4, 6_120))
            + account("DELQ", true, "DELINQUENT", history(2, 0, 4, 6_120))
            + account("ALL", false, "DELINQUENT", history(1, 1, 0, 0))
            + account("OWN", true, "GOOD", null)
            + account("OWNLATE", true, "GOOD", null)
            + BillingSwitch.card(BillingSwitch.pan(31), "OWN", "JIRO SATO", 5_000)
            + BillingSwitch.card(BillingSwitch.pan(32), "OWNLATE", "SABURO SATO", 5_000);

    private static List<String> refused(BillingSwitch s, String account) {
        BillingSwitch.Reply r = s.post("/admin/cards", "{\"account\":\"" + account + "\",\"name\":\"TARO YAMADA\"}");
        assertEquals(409, r.status(), account + ": " + r.body());
        List<String> reasons = new ArrayList<>();
        r.json().get("refused").forEach(n -> reasons.add(n.asText()));
        return reasons;
    }

    @Test
    void eachUnmetConditionIsRefusedAloneAndAllTogetherInWords() {
        MutableClock clock = new MutableClock("2026-12-05T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            assertEquals(List.of("identity not verified"), refused(s, "KYC"));
            assertEquals(List.of("1 of 2 statements closed"), refused(s, "S1"));
            assertEquals(List.of("2 of 3 purchases posted"), refused(s, "P2"));
            assertEquals(List.of("2,999 of 3,000 yen of purchases posted"), refused(s, "Y2999"));
            assertEquals(List.of("a statement was paid late"), refused(s, "LATE"));
            assertEquals(List.of("the account is delinquent: a bill is past due"), refused(s, "DELQ"));
            assertEquals(List.of("identity not verified", "1 of 2 statements closed", "0 of 3 purchases posted",
                    "0 of 3,000 yen of purchases posted", "a statement was paid late",
                    "the account is delinquent: a bill is past due"), refused(s, "ALL"));
            BillingSwitch.Reply unknown = s.post("/admin/cards", "{\"account\":\"NOBODY\",\"name\":\"TARO YAMADA\"}");
            assertEquals(404, unknown.status(), unknown.body());
            BillingSwitch.Reply kana = s.post("/admin/cards", "{\"account\":\"E1\",\"name\":\"\u30bf\u30ed\u30a6\"}");
            assertEquals(400, kana.status(), kana.body());
            assertTrue(kana.json().get("error").asText().startsWith("name:"), kana.body());
            assertEquals(400, s.post("/admin/cards", "{\"account\":\"E1\"}").status());
        }
    }

    @Test
    void exactlyTheThresholdIsEnoughAndTheNewCardWorksAtOnceInAnyAcceptedSpelling() {
        MutableClock clock = new MutableClock("2026-12-05T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            BillingSwitch.Reply r = s.post("/admin/cards", "{\"account\":\"E1\",\"name\":\"taro yamada\"}");
            assertEquals(201, r.status(), r.body());
            JsonNode card = r.json();
            String pan = card.get("pan").asText();
            assertTrue(pan.matches("354099[0-9]{10}") && Luhn.isValid(pan), pan);
            assertEquals("3112", card.get("expiry").asText(), "five years ahead, to the end of December 2031");
            assertEquals(Messages.cav2(pan, "3112"), card.get("cav2").asText(), "the CAV2 under the CVK (test keys)");
            assertEquals(3_000, card.get("limit").asLong(), "no statements of its own yet: the first rung");
            assertEquals("ACTIVE", card.get("status").asText());

            ISOMsg approved = s.connection().request(Messages.purchase(pan, "3112", "YAMADA TAROU", 2_500, "000777"));
            assertEquals("00", approved.getString(39), () -> "DE 48 " + approved.getString(48));
            assertTrue(approved.getString(48).contains("8801M"), "the name matched: " + approved.getString(48));
            assertEquals("51", s.connection().request(Messages.purchase(pan, "3112", "TARO YAMADA", 600, "000778"))
                    .getString(39), "within its limit only");
            JsonNode view = s.account("E1");
            assertTrue(view.get("cards").toString().contains(pan.substring(0, 6) + "******" + pan.substring(12)), view.toString());
            assertTrue(!view.toString().contains(pan), "the view never shows the PAN");
        }
    }

    @Test
    void theSwitchsOwnStatementsCountAndOneSecondLateIsLate() {
        MutableClock clock = new MutableClock("2026-10-05T10:00:00");
        String own = BillingSwitch.pan(31);
        String ownLate = BillingSwitch.pan(32);
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            for (String pan : new String[] {own, ownLate}) {
                s.forcedPost(pan, 1_000);
                s.forcedPost(pan, 1_000);
                s.forcedPost(pan, 999);
            }
            clock.set("2026-11-12T10:00:00");
            s.pay("OWN-1", "OWN", 3_208, "2026-11-10T23:59:59");
            s.pay("LATE-1", "OWNLATE", 3_208, "2026-11-11T00:00:00");
            assertEquals(List.of("1 of 2 statements closed", "2,999 of 3,000 yen of purchases posted"), refused(s, "OWN"));

            s.forcedPost(own, 1);
            s.forcedPost(ownLate, 1);
            clock.set("2026-12-01T00:00:01");
            List<String> late = refused(s, "OWNLATE");
            assertEquals(List.of("a statement was paid late"), late, "paid at 00:00:00 on the 11th: one second late");
            BillingSwitch.Reply issued = s.post("/admin/cards", "{\"account\":\"OWN\",\"name\":\"JIRO SATO\"}");
            assertEquals(201, issued.status(), issued.body());
            assertEquals(10_000, issued.json().get("limit").asLong(),
                    "the account's rung: its card climbed from 5,000 with the statement paid on time");
        }
    }

    @Test
    void pansAreNeverIssuedTwiceOverManyIssuancesAndARestart() {
        MutableClock clock = new MutableClock("2026-12-05T10:00:00");
        Set<String> pans = new HashSet<>();
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            issueMany(s, 150, pans);
        }
        try (BillingSwitch s = BillingSwitch.restart(dir, clock, "")) {
            issueMany(s, 150, pans);
            assertEquals(300, s.account("E1").get("cards").size());
        }
        assertEquals(300, pans.size());
    }

    private static void issueMany(BillingSwitch s, int n, Set<String> pans) {
        for (int i = 0; i < n; i++) {
            BillingSwitch.Reply r = s.post("/admin/cards", "{\"account\":\"E1\",\"name\":\"TARO YAMADA\"}");
            assertEquals(201, r.status(), r.body());
            String pan = r.json().get("pan").asText();
            assertTrue(Luhn.isValid(pan) && pans.add(pan), "a new, valid PAN: " + pan);
        }
    }
}
