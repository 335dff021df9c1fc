package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Points spent against the next statement (billing.md §7) and direct debit (§3, §5) over the admin port
 * of a real switch: what the view says agrees with the ledger, the next authorization, and the statement.
 */
class PointsAndDirectDebitTest {
    private static final String A = "B0000021";
    private static final String PAN = BillingSwitch.pan(21);
    private static final String DD = "B0000022";
    private static final String DD_PAN = BillingSwitch.pan(22);
    private static final String CARDS = BillingSwitch.standardAccountWithCard(A, PAN, "TARO YAMADA", 50_000)
            + BillingSwitch.account(DD, "STANDARD", true) + BillingSwitch.card(DD_PAN, DD, "HANAKO SATO", 50_000);

    @TempDir
    Path dir;

    @Test
    void pointsAreSpentAgainstTheNextStatementOldestFirstAndNeverBeyondItsAmountDue() {
        MutableClock clock = new MutableClock("2026-06-10T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 10_000);                          // 50 points, expiring 2026-12-10 10:00
            clock.set("2026-07-10T10:00:00");
            s.forcedPost(PAN, 4_000);                           // 20 points, expiring 2027-01-10 10:00
            s.pay("P-6", A, 10_209, "2026-07-09T10:00:00");     // June's statement
            clock.set("2026-08-05T10:00:00");
            s.pay("P-7", A, 4_209, "2026-08-05T09:00:00");      // July's
            clock.set("2026-12-01T10:00:00");
            assertEquals(70, s.account(A).get("points").asLong());

            BillingSwitch.Reply nothing = s.post("/admin/points/redeem", "{\"account\":\"" + A + "\",\"points\":10}");
            assertEquals(409, nothing.status(), nothing.body());
            assertTrue(nothing.json().get("error").asText().contains("nothing to bill"), nothing.body());

            s.forcedPost(PAN, 1_000);                           // December: 5 points; 1,000 to bill
            BillingSwitch.Reply tooMany = s.post("/admin/points/redeem", "{\"account\":\"" + A + "\",\"points\":76}");
            assertEquals(409, tooMany.status(), tooMany.body());
            BillingSwitch.Reply redeemed = s.post("/admin/points/redeem", "{\"account\":\"" + A + "\",\"points\":60}");
            assertEquals(200, redeemed.status(), redeemed.body());
            assertEquals(60, redeemed.json().get("redeemed").asLong());
            assertEquals("2026-12", redeemed.json().get("statementMonth").asText());
            assertEquals(15, redeemed.json().get("pointsLeft").asLong());
            assertEquals(1_000 - 60, s.account(A).get("owed").asLong(), "points lower what is owed at once");

            clock.set("2026-12-10T10:00:01");                   // June's lot (50) expired; 10 of July's were spent
            assertEquals(15, s.account(A).get("points").asLong(), "the oldest lot went first: 10 + 5 left");
            BillingSwitch.Reply capped = s.post("/admin/points/redeem", "{\"account\":\"" + A + "\",\"points\":15}");
            assertEquals(200, capped.status(), capped.body());
            assertEquals(15, capped.json().get("redeemed").asLong());
            assertEquals(0, capped.json().get("pointsLeft").asLong());

            clock.set("2027-01-01T00:00:01");
            JsonNode st = s.account(A).get("statements").get(2);
            assertEquals("2026-12", st.get("month").asText());
            assertEquals(75, st.get("pointsUsed").asLong());
            assertEquals(1_000 - 75 + 209, st.get("amountDue").asLong());
            assertEquals(1_000 - 75 + 209, s.account(A).get("owed").asLong());
            long ledgerPoints = ledgerPoints(s, A);
            assertEquals(s.account(A).get("points").asLong(), ledgerPoints, "the ledger counts the same points");
        }
    }

    @Test
    void aBillCoveredEntirelyByPointsCarriesNoBillingFee() {
        MutableClock clock = new MutableClock("2026-11-02T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 40_000);                          // 200 points
            s.pay("P-1", A, 39_900, "2026-11-02T09:00:00");    // 100 left to bill in November
            BillingSwitch.Reply r = s.post("/admin/points/redeem", "{\"account\":\"" + A + "\",\"points\":150}");
            assertEquals(200, r.status(), r.body());
            assertEquals(100, r.json().get("redeemed").asLong(), "capped at what the statement would ask");
            clock.set("2026-12-01T00:00:01");
            JsonNode st = s.account(A).get("statements").get(0);
            assertEquals(0, st.get("amountDue").asLong(), st.toString());
            assertEquals(0, st.get("billingFee").asLong(), st.toString());
            assertEquals("PAID", st.get("state").asText());
        }
    }

    @Test
    void directDebitRaisesTheLimitWaivesTheBillingFeeAndRemovingItLowersTheLimitAtOnce() {
        MutableClock clock = new MutableClock("2026-11-02T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            JsonNode dd = s.account(DD);
            assertEquals(100_000, dd.get("creditLimit").asLong(), dd.toString());
            assertTrue(dd.get("directDebit").asBoolean());
            s.forcedPost(DD_PAN, 1_000);
            clock.set("2026-12-01T00:00:01");
            assertEquals(0, s.account(DD).get("statements").get(0).get("billingFee").asLong(), "no fee with direct debit");

            BillingSwitch.Reply registered = s.put("/admin/accounts/" + A + "/direct-debit", "{\"registered\":true}");
            assertEquals(200, registered.status(), registered.body());
            assertEquals(100_000, registered.json().get("creditLimit").asLong(), registered.body());
            BillingSwitch.Reply removed = s.put("/admin/accounts/" + DD + "/direct-debit", "{\"registered\":false}");
            assertEquals(200, removed.status(), removed.body());
            assertEquals(50_000, removed.json().get("creditLimit").asLong(), removed.body());
            assertTrue(removed.json().get("changes").toString().contains("direct debit removed"), removed.body());
            assertEquals("51", s.purchase(DD_PAN, "HANAKO SATO", 49_500).getString(39), "50,000 less 1,000 owed: 49,000 left");

            assertEquals(400, s.put("/admin/accounts/" + A + "/direct-debit", "{\"registered\":\"yes\"}").status());
            assertEquals(404, s.put("/admin/accounts/NOBODY/direct-debit", "{\"registered\":true}").status());
            assertEquals(405, s.post("/admin/accounts/" + A + "/direct-debit", "{\"registered\":true}").status());
        }
    }

    @Test
    void errorsAreJsonWithAReason() {
        MutableClock clock = new MutableClock("2026-11-02T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            BillingSwitch.Reply unknown = s.get("/admin/accounts/NOBODY");
            assertEquals(404, unknown.status());
            assertEquals("no account NOBODY", unknown.json().get("error").asText());
            for (String bad : new String[] {"", "[]", "{\"account\":\"" + A + "\"}", "{\"account\":\"" + A + "\",\"points\":0}",
                    "{\"account\":\"" + A + "\",\"points\":1.5}"}) {
                BillingSwitch.Reply r = s.post("/admin/points/redeem", bad);
                assertEquals(400, r.status(), bad + " -> " + r.body());
                assertTrue(r.json().has("error") && !r.body().contains("Exception"), r.body());
            }
        }
    }

    private static long ledgerPoints(BillingSwitch s, String account) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (s.sw.app().ledgerLag() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return s.sw.app().ledger().pointsBalance(account, s.clock.millis());
    }
}
