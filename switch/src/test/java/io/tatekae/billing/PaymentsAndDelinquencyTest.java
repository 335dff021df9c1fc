package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payments, late bills and the card ladder (billing.md §3–5) on a real switch with a moved clock:
 * partial payments, duplicate lines, a payment one second before and one second after the due date's
 * end (whenever its file arrives), delinquency decided by the request's own time, GOOD again the moment
 * the bill is covered, and the ladder following it all.
 */
class PaymentsAndDelinquencyTest {
    private static final String A = "B0000011";
    private static final String B = "B0000012";
    private static final String PAN_A = BillingSwitch.pan(11);
    private static final String PAN_B = BillingSwitch.pan(12);
    private static final String CARDS = BillingSwitch.standardAccountWithCard(A, PAN_A, "TARO YAMADA", 5_000)
            + BillingSwitch.standardAccountWithCard(B, PAN_B, "JIRO SUZUKI", 5_000);

    @TempDir
    Path dir;

    /** Both accounts buy 1,000 in November; their statements of 1,209 are due on December 10th. */
    private BillingSwitch novemberStatements(MutableClock clock) {
        BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "");
        s.forcedPost(PAN_A, 1_000);
        s.forcedPost(PAN_B, 1_000);
        clock.set("2026-12-01T09:00:00");
        assertEquals(1_209, s.account(A).get("statements").get(0).get("amountDue").asLong());
        assertEquals(1_209, s.account(B).get("statements").get(0).get("amountDue").asLong());
        return s;
    }

    @Test
    void partialPaymentsLeaveTheStatementOpenUntilTheLastYen() {
        MutableClock clock = new MutableClock("2026-11-20T10:00:00");
        try (BillingSwitch s = novemberStatements(clock)) {
            clock.set("2026-12-07T10:00:00");
            s.pay("CVS-1", A, 500, "2026-12-05T09:00:00");
            JsonNode st = s.account(A).get("statements").get(0);
            assertEquals(500, st.get("paid").asLong());
            assertEquals("OPEN", st.get("state").asText());
            assertEquals(709, s.account(A).get("owed").asLong());
            s.pay("CVS-2", A, 709, "2026-12-06T09:00:00");
            st = s.account(A).get("statements").get(0);
            assertEquals(1_209, st.get("paid").asLong());
            assertEquals("PAID", st.get("state").asText());
            assertEquals(0, s.account(A).get("owed").asLong());
        }
    }

    @Test
    void duplicateLinesInAFileAndAcrossFilesApplyOnce() {
        MutableClock clock = new MutableClock("2026-11-20T10:00:00");
        try (BillingSwitch s = novemberStatements(clock)) {
            clock.set("2026-12-06T10:00:00");
            String line = BillingSwitch.paymentLine("CVS-20261205-000123", A, 1_209, "CONVENIENCE_STORE", "2026-12-05T18:04:11");
            String file = line + line + "{\"type\":\"PAYMENT\",\"id\":\"X\"}\n" + "not json\n"
                    + BillingSwitch.paymentLine("ATM-9", "NOSUCH", 100, "BANK_ATM", "2026-12-05T18:04:11")
                    + BillingSwitch.paymentLine("ATM-10", B, 100, "BY_CARRIER_PIGEON", "2026-12-05T18:04:11")
                    + BillingSwitch.paymentLine("ATM-11", B, 100, "BANK_ATM", "2027-12-05T18:04:11");
            BillingSwitch.Reply first = s.post("/admin/payments/file", file);
            assertEquals(200, first.status(), first.body());
            JsonNode summary = first.json();
            assertEquals(7, summary.get("linesRead").asInt(), first.body());
            assertEquals(1, summary.get("paymentsApplied").asInt(), first.body());
            assertEquals(1, summary.get("duplicatesIgnored").asInt(), first.body());
            assertEquals(5, summary.get("linesRejected").asInt(), first.body());
            String reasons = summary.get("rejected").toString();
            for (String expected : new String[] {"\"line\":3", "account", "\"line\":4", "not valid JSON", "\"line\":5",
                    "no account NOSUCH", "\"line\":6", "method", "\"line\":7", "in the future"}) {
                assertTrue(reasons.contains(expected), expected + " in " + reasons);
            }
            BillingSwitch.Reply again = s.post("/admin/payments/file", line);
            assertEquals(0, again.json().get("paymentsApplied").asInt(), again.body());
            assertEquals(1, again.json().get("duplicatesIgnored").asInt(), again.body());
            BillingSwitch.Reply single = s.post("/admin/payments",
                    "{\"account\":\"" + A + "\",\"amount\":1209,\"id\":\"CVS-20261205-000123\"}");
            assertTrue(single.body().contains("already applied"), "the single command shares the ids: " + single.body());
            assertEquals(0, s.account(A).get("owed").asLong());
            assertEquals("PAID", s.account(A).get("statements").get(0).get("state").asText());
        }
    }

    @Test
    void aPaymentOneSecondBeforeTheDueDatesEndIsOnTimeAndOneSecondAfterIsLateWhenTheFileComesNextDay() {
        MutableClock clock = new MutableClock("2026-11-20T10:00:00");
        try (BillingSwitch s = novemberStatements(clock)) {
            clock.set("2026-12-10T23:59:59.999");
            assertEquals("00", s.purchase(PAN_A, "TARO YAMADA", 100).getString(39), "the due date's last millisecond");
            clock.set("2026-12-11T00:00:00.000");
            assertDeclinedDelinquent(s.purchase(PAN_A, "TARO YAMADA", 100));
            assertDeclinedDelinquent(s.purchase(PAN_B, "JIRO SUZUKI", 100));
            awaitCardLimit(s, A, 3_000);                     // the tick records DELINQUENT and the drop
            awaitCardLimit(s, B, 3_000);
            assertEquals("DELINQUENT", s.account(A).get("status").asText());

            clock.set("2026-12-11T09:30:00");                // the agents' file of the 10th arrives
            s.pay("CVS-A", A, 1_209, "2026-12-10T23:59:59"); // one second before the end of the 10th
            s.pay("CVS-B", B, 1_209, "2026-12-11T00:00:01"); // one second after it

            JsonNode a = s.account(A);
            assertEquals("GOOD", a.get("status").asText(), a.toString());
            assertEquals("PAID", a.get("statements").get(0).get("state").asText());
            assertEquals(10_000, a.get("cards").get(0).get("limit").asLong(),
                    "the drop is undone (5,000) and the statement paid on time moves it a rung up: " + a);
            JsonNode b = s.account(B);
            assertEquals("GOOD", b.get("status").asText(), b.toString());
            assertEquals("LATE", b.get("statements").get(0).get("state").asText());
            assertEquals(1_209, b.get("statements").get(0).get("paid").asLong());
            assertEquals(3_000, b.get("cards").get(0).get("limit").asLong(), "late: stays on the first rung: " + b);
            assertEquals("00", s.purchase(PAN_A, "TARO YAMADA", 100).getString(39));
            assertEquals("00", s.purchase(PAN_B, "JIRO SUZUKI", 100).getString(39), "paid up: approved at once");
            String changes = b.get("changes").toString();
            assertTrue(changes.contains("statement past due") && changes.contains("payment CVS-B"), changes);
        }
    }

    @Test
    void theMomentAPaymentCoversThePastDueBillTheNextPurchaseIsApproved() {
        MutableClock clock = new MutableClock("2026-11-20T10:00:00");
        try (BillingSwitch s = novemberStatements(clock)) {
            clock.set("2026-12-15T10:00:00");
            assertDeclinedDelinquent(s.purchase(PAN_A, "TARO YAMADA", 100));
            BillingSwitch.Reply partial = s.post("/admin/payments", "{\"account\":\"" + A + "\",\"amount\":1208,\"id\":\"P-1\"}");
            assertEquals(200, partial.status(), partial.body());
            assertDeclinedDelinquent(s.purchase(PAN_A, "TARO YAMADA", 100));
            assertEquals(200, s.post("/admin/payments", "{\"account\":\"" + A + "\",\"amount\":1,\"id\":\"P-2\"}").status());
            assertEquals("00", s.purchase(PAN_A, "TARO YAMADA", 100).getString(39), "no window after the last yen");
        }
    }

    @Test
    void aStatementPaidOnTimeMovesTheCardsOneRungUpNeverAboveTheAccountLimit() {
        String small = "B0000013";
        String pan = BillingSwitch.pan(13);
        String cards = "{\"type\":\"account\",\"id\":\"" + small + "\",\"creditLimit\":8000,\"plan\":\"STANDARD\","
                + "\"status\":\"GOOD\",\"kycVerified\":true}\n" + BillingSwitch.card(pan, small, "SHOTA SATO", 5_000);
        MutableClock clock = new MutableClock("2026-11-20T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, cards, "")) {
            s.forcedPost(pan, 1_000);
            clock.set("2026-12-05T10:00:00");
            s.pay("P-1", small, 1_209, "2026-12-05T10:00:00");
            JsonNode a = s.account(small);
            assertEquals(8_000, a.get("cards").get(0).get("limit").asLong(), "10,000 is the next rung, 8,000 the account's: " + a);
            String changes = a.get("changes").toString();
            assertTrue(changes.contains("statement paid on time") && changes.contains("statement 2026-11"), changes);
        }
    }

    private static void assertDeclinedDelinquent(ISOMsg r) {
        assertEquals("05", r.getString(39), () -> "DE 48 " + r.getString(48));
        assertTrue(r.getString(48).contains("90041005"), () -> "reason 1005 in DE 48 " + r.getString(48));
    }

    private static void awaitCardLimit(BillingSwitch s, String account, long limit) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = s.account(account).get("cards").get(0).get("limit").asLong();
            if (seen == limit) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertEquals(limit, seen, "card limit of " + account);
    }
}
