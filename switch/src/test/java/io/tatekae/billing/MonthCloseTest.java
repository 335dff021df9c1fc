package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The month closes by the clock (billing.md §1, §2) on a real switch whose clock the test moves: what a
 * posting belongs to at the edges of months of 28, 29 (a leap year), 30 and 31 days, the statement's
 * lines and due date, and a switch that was down across one or two month boundaries.
 */
class MonthCloseTest {
    private static final String A = "B0000001";
    private static final String PAN = BillingSwitch.pan(1);
    private static final String CARDS = BillingSwitch.standardAccountWithCard(A, PAN, "TARO YAMADA", 50_000);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} days")
    @CsvSource({
            "2026-11, 30, 2026-11-30, 2026-12-01, 2026-12-10",
            "2026-12, 31, 2026-12-31, 2027-01-01, 2027-01-10",
            "2027-02, 28, 2027-02-28, 2027-03-01, 2027-03-10",
            "2028-02, 29, 2028-02-29, 2028-03-01, 2028-03-10"})
    void aPostingBelongsToTheMonthItIsPostedInToTheMillisecond(String month, int days, String lastDay, String firstOfNext,
                                                               String dueDate) {
        MutableClock clock = new MutableClock(lastDay + "T23:59:59.999");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 1_000);                       // the month's last millisecond
            clock.set(firstOfNext + "T00:00:00.300");
            s.forcedPost(PAN, 2_000);                       // the next month's, whenever the close runs
            clock.set(firstOfNext + "T00:00:01");
            JsonNode account = s.account(A);

            JsonNode statements = account.get("statements");
            assertEquals(1, statements.size(), account.toString());
            JsonNode st = statements.get(0);
            assertEquals(month, st.get("month").asText());
            assertEquals(1_000, st.get("purchases").asLong(), "only the purchase of " + month + ": " + st);
            assertEquals(0, st.get("carriedOver").asLong());
            assertEquals(0, st.get("planFee").asLong());
            assertEquals(209, st.get("billingFee").asLong());
            assertEquals(1_209, st.get("amountDue").asLong());
            assertEquals(dueDate, st.get("dueDate").asText());
            assertEquals("OPEN", st.get("state").asText());
            assertEquals(1_209 + 2_000, account.get("owed").asLong(), "the fee is owed at once, with the new month's purchase");
            assertEquals(days, YearMonth.parse(month).lengthOfMonth());
        }
    }

    @Test
    void aStatementListsCarriedOverPurchasesRefundsPlanFeeBillingFeeAndPointsUsed() {
        String plus = "B0000002";
        String plusPan = BillingSwitch.pan(2);
        String cards = BillingSwitch.account(plus, "PLUS", false) + BillingSwitch.card(plusPan, plus, "HANAKO SATO", 50_000);
        MutableClock clock = new MutableClock("2026-10-05T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, cards, "")) {
            s.forcedPost(plusPan, 10_000);                  // October: 150 points on PLUS
            clock.set("2026-11-03T10:00:00");               // October's statement: 10,000 + 300 + 209 = 10,509, unpaid
            s.forcedPost(plusPan, 4_000);
            s.refund(plusPan, 1_000);
            BillingSwitch.Reply redeemed = s.post("/admin/points/redeem", "{\"account\":\"" + plus + "\",\"points\":100}");
            assertEquals(200, redeemed.status(), redeemed.body());
            assertEquals("2026-11", redeemed.json().get("statementMonth").asText());
            clock.set("2026-12-01T00:00:05");
            JsonNode st = s.account(plus).get("statements").get(1);

            assertEquals("2026-11", st.get("month").asText());
            assertEquals(10_509, st.get("carriedOver").asLong());
            assertEquals(4_000, st.get("purchases").asLong());
            assertEquals(1_000, st.get("refunds").asLong());
            assertEquals(300, st.get("planFee").asLong());
            assertEquals(209, st.get("billingFee").asLong());
            assertEquals(100, st.get("pointsUsed").asLong());
            assertEquals(10_509 + 4_000 - 1_000 + 300 + 209 - 100, st.get("amountDue").asLong());
        }
    }

    @Test
    void nothingToBillMeansNoStatementAndNoFee() {
        MutableClock clock = new MutableClock("2026-11-10T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 1_000);
            s.refund(PAN, 1_000);
            clock.set("2026-12-02T10:00:00");
            JsonNode account = s.account(A);
            assertEquals(0, account.get("statements").size(), account.toString());
            assertEquals(0, account.get("owed").asLong());
        }
    }

    @Test
    void aRefundLargerThanTheMonthsPurchasesIsACreditCarriedToTheNextStatement() {
        MutableClock clock = new MutableClock("2026-11-10T10:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 1_000);
            s.refund(PAN, 3_000);                           // a refund of an earlier purchase
            clock.set("2026-12-02T10:00:00");
            JsonNode december = s.account(A);
            assertEquals(0, december.get("statements").size(), "a credit alone is not billed: " + december);
            assertEquals(-2_000, december.get("owed").asLong());

            s.forcedPost(PAN, 5_000);
            clock.set("2027-01-01T00:00:01");
            JsonNode st = s.account(A).get("statements").get(0);
            assertEquals("2026-12", st.get("month").asText());
            assertEquals(-2_000, st.get("carriedOver").asLong());
            assertEquals(5_000, st.get("purchases").asLong());
            assertEquals(3_209, st.get("amountDue").asLong());

            s.refund(PAN, 10_000);                          // January: more refunded than owed
            clock.set("2027-02-01T00:00:01");
            JsonNode credit = s.account(A).get("statements").get(1);
            assertEquals(3_209, credit.get("carriedOver").asLong(), "December's statement is still unpaid");
            assertEquals(0, credit.get("amountDue").asLong(), "never below 0: " + credit);
            assertEquals(0, credit.get("billingFee").asLong(), "nothing to collect, no billing fee: " + credit);
            assertEquals(3_209 - 10_000, s.account(A).get("owed").asLong(), "the rest is a credit");
        }
    }

    @Test
    void aSwitchDownFromThe30thToThe2ndClosesTheMissedMonthBeforeItAnswers() {
        MutableClock clock = new MutableClock("2026-11-30T12:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 1_000);
        }
        clock.set("2026-12-02T09:00:00");
        try (BillingSwitch s = BillingSwitch.restart(dir, clock, "")) {
            // Read straight from the journal: no request has reached the switch yet.
            List<JournalRecord> statements = JournalScan.of(s.sw.config().data().journalDir(), JournalRecordType.STATEMENT_CLOSED);
            assertEquals(1, statements.size(), statements.toString());
            assertEquals(202611, statements.getFirst().n1());
            assertEquals(1_209, statements.getFirst().amount());
            JsonNode st = s.account(A).get("statements");
            assertEquals(1, st.size(), "closed once: " + st);
        }
    }

    @Test
    void aSwitchDownAcrossTwoMonthBoundariesClosesBothInOrder() {
        MutableClock clock = new MutableClock("2026-10-30T12:00:00");
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, "")) {
            s.forcedPost(PAN, 1_000);
        }
        clock.set("2026-12-02T09:00:00");
        try (BillingSwitch s = BillingSwitch.restart(dir, clock, "")) {
            List<JournalRecord> statements = JournalScan.of(s.sw.config().data().journalDir(), JournalRecordType.STATEMENT_CLOSED);
            assertEquals(List.of(202610, 202611), statements.stream().map(JournalRecord::n1).toList());
            assertEquals(1_209, statements.get(0).amount());
            assertEquals(1_209, statements.get(1).x(1), "November carries October's unpaid statement");
            assertEquals(1_209 + 209, statements.get(1).amount());
            JsonNode account = s.account(A);
            assertEquals("LATE", account.get("statements").get(0).get("state").asText(), account.toString());
            assertEquals("DELINQUENT", account.get("status").asText(), "October's bill was due on November 10th");
        }
        try (BillingSwitch s = BillingSwitch.restart(dir, clock, "")) {
            assertEquals(2, JournalScan.of(s.sw.config().data().journalDir(), JournalRecordType.STATEMENT_CLOSED).size(),
                    "a second start closes nothing again");
            assertTrue(s.account(A).get("statements").size() == 2);
        }
    }
}
