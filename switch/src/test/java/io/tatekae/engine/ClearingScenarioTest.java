package io.tatekae.engine;

import io.tatekae.state.AccountState;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import io.tatekae.tools.AdminClient;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tatekae.engine.Scenario.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clearing (profile §8), payments and points over a real switch: authorizations over TCP, the
 * clearing file and payments over the admin HTTP port, available credit read back by balance
 * inquiries, points from the real (SQLite) ledger the journal feeds.
 */
class ClearingScenarioTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Scenario start() {
        TestSwitch sw = TestSwitch.builder(dir).httpEnabled().start();
        open.add(sw);
        Scenario s = new Scenario(sw);
        open.add(s);
        return s;
    }

    @Test
    void clearingCapturesMatchesForcesUnmatchedCreditsRefundsAndReportsBadLines() {
        Scenario s = start();
        TestCards card = TestCards.TARO; // 50,000, nothing owed
        ISOMsg p1 = s.approve(purchase(card, 5_000));
        ISOMsg p2 = s.approve(purchase(card, 3_000));
        assertEquals(42_000, s.available(card));
        String badPan = "3540991000000028"; // fails Luhn
        String file = line("PURCHASE", card.pan, p1.getString(38), p1.getString(37), 5_000)
                + line("PURCHASE", card.pan, p2.getString(38), p2.getString(37), 2_500)
                + line("PURCHASE", card.pan, "ZZZZZZ", "999999999999", 1_200)
                + line("REFUND", card.pan, "", "888888888888", 700)
                + line("PURCHASE", badPan, "AAAAAA", "777777777777", 100)
                + "{not json\n"
                + line("PURCHASE", card.pan, "BBBBBB", "666666666666", 100).replace("\"currency\":\"392\"", "\"currency\":\"840\"");

        Reply r = post(s, "/admin/clearing", file);

        assertEquals(422, r.status, r.body); // some lines were rejected
        assertEquals(2, number(r.body, "matched: (\\d+)"), r.body);
        assertEquals(1, number(r.body, "\\((\\d+) for another amount\\)"), r.body);
        assertEquals(7_500, number(r.body, "captured (\\d+) yen"), r.body);
        assertEquals(500, number(r.body, "released (\\d+) yen"), r.body);
        assertEquals(1, number(r.body, "forced: (\\d+)"), r.body);
        assertEquals(1_200, number(r.body, "forced: \\d+, (\\d+) yen"), r.body);
        assertEquals(1, number(r.body, "refunds: (\\d+)"), r.body);
        assertEquals(700, number(r.body, "refunds: \\d+, (\\d+) yen"), r.body);
        assertEquals(3, number(r.body, "rejected lines: (\\d+)"), r.body);
        assertTrue(r.body.contains("line 5: pan 354099******0028"), r.body);
        assertTrue(r.body.contains("line 6: not valid JSON"), r.body);
        assertTrue(r.body.contains("line 7: currency"), r.body);
        assertFalse(r.body.contains(badPan) || r.body.contains(card.pan), "a full PAN in the summary: " + r.body);
        // Holds gone; owed 7,500 captured + 1,200 forced - 700 refunded = 8,000.
        assertEquals(42_000, s.available(card));
        assertEquals(30_000 - 8_000, s.available(TestCards.HANAKO)); // same account, card limit 30,000
    }

    @Test
    void ingestingTheSameFileTwiceChangesNothingTheSecondTime() {
        Scenario s = start();
        TestCards card = TestCards.SPARE;
        ISOMsg p = s.approve(purchase(card, 4_000));
        String file = line("PURCHASE", card.pan, p.getString(38), p.getString(37), 4_000)
                + line("PURCHASE", card.pan, "QQQQQQ", "123123123123", 1_000)
                + line("REFUND", card.pan, "", "", 300);
        Reply first = post(s, "/admin/clearing", file);
        assertEquals(200, first.status, first.body);
        assertEquals(50_000 - 4_000 - 1_000 + 300, s.available(card));

        Reply second = post(s, "/admin/clearing", file);

        assertEquals(200, second.status, second.body);
        assertEquals(3, number(second.body, "already applied: (\\d+)"), second.body);
        assertEquals(0, number(second.body, "matched: (\\d+)"), second.body);
        assertEquals(0, number(second.body, "forced: (\\d+)"), second.body);
        assertEquals(0, number(second.body, "refunds: (\\d+)"), second.body);
        assertEquals(50_000 - 4_000 - 1_000 + 300, s.available(card));
    }

    @Test
    void aPaymentRestoresCreditAtOnceOnceOnlyAndWhatIsPaidBeyondTheDebtIsACredit() {
        Scenario s = start();
        TestCards card = TestCards.REVERSALS;
        ISOMsg p = s.approve(purchase(card, 10_000));
        assertEquals(200, post(s, "/admin/clearing", line("PURCHASE", card.pan, p.getString(38), p.getString(37), 10_000)).status);
        assertEquals(40_000, s.available(card));

        Reply paid = post(s, "/admin/payments", payment(card.account, 6_000, "PAY-1"));
        assertEquals(200, paid.status, paid.body);
        assertEquals(46_000, s.available(card));

        Reply again = post(s, "/admin/payments", payment(card.account, 6_000, "PAY-1"));
        assertEquals(200, again.status, again.body);
        assertTrue(again.body.contains("already applied"), again.body);
        assertEquals(46_000, s.available(card));

        // billing.md §3: what is left over pays postings not yet billed, and any excess is a credit on the next statement.
        Reply over = post(s, "/admin/payments", payment(card.account, 9_000, "PAY-2"));
        assertEquals(200, over.status, over.body);
        assertTrue(over.body.contains("applied 9000 yen") && over.body.contains("outstanding now -5000 yen")
                && over.body.contains("5000 yen more than was owed: a credit on the next statement"), over.body);
        assertEquals(55_000, s.available(card));
        Reply nothingOwed = post(s, "/admin/payments", payment(card.account, 500, "PAY-5"));
        assertEquals(200, nothingOwed.status, nothingOwed.body);
        assertTrue(nothingOwed.body.contains("500 yen more than was owed"), nothingOwed.body);
        assertEquals(55_500, s.available(card));

        assertEquals(404, post(s, "/admin/payments", payment("A9999999", 1, "PAY-3")).status);
        assertEquals(400, post(s, "/admin/payments", "{\"account\":\"A0000008\",\"amount\":-5,\"id\":\"PAY-4\"}").status);
    }

    @Test
    void afterARestartOutstandingHoldsAndAppliedLinesAreAsBefore() {
        TestCards card = TestCards.TARO;
        String captureFile;
        ISOMsg stillOpen;
        {
            Scenario s = start();
            ISOMsg p = s.approve(purchase(card, 4_000));
            stillOpen = s.approve(purchase(card, 2_000));
            captureFile = line("PURCHASE", card.pan, p.getString(38), p.getString(37), 3_500);
            assertEquals(200, post(s, "/admin/clearing", captureFile).status);
            assertEquals(200, post(s, "/admin/payments", payment(card.account, 1_000, "PAY-R")).status);
            assertEquals(50_000 - 2_500 - 2_000, s.available(card));
            assertEquals(5_000, s.available(TestCards.MOSTLY_OWED)); // 45,000 owed from provisioning
            closeAllQuietly();
        }
        // The state store is only a cache: spoil what it says the accounts owe and hold, as a crash
        // between a store write and its journal commit could.
        try (var store = new ChronicleStateStore(dir, 1000, 1000)) {
            var account = new AccountState();
            for (String id : new String[] {card.account, TestCards.MOSTLY_OWED.account}) {
                store.readAccount(store.accountIndex(id), account);
                store.writeAccount(account.outstanding(99_999).openHolds(0));
            }
        }
        // Same data folder, no provisioning this time: only the journal can give the amounts back.
        TestSwitch restarted = TestSwitch.builder(dir).httpEnabled().cards(null).start();
        open.add(restarted);
        Scenario s = new Scenario(restarted);
        open.add(s);

        assertEquals(50_000 - 2_500 - 2_000, s.available(card));
        assertEquals(5_000, s.available(TestCards.MOSTLY_OWED));
        Reply again = post(s, "/admin/clearing", captureFile);
        assertEquals(1, number(again.body, "already applied: (\\d+)"), again.body);
        assertTrue(post(s, "/admin/payments", payment(card.account, 1_000, "PAY-R")).body.contains("already applied"));
        // The open hold is still found by PAN + DE 38 + DE 37 after recovery.
        Reply late = post(s, "/admin/clearing", line("PURCHASE", card.pan, stillOpen.getString(38), stillOpen.getString(37), 2_000));
        assertEquals(1, number(late.body, "matched: (\\d+)"), late.body);
        assertEquals(50_000 - 2_500 - 2_000, s.available(card));
    }

    @Test
    void capturesEarnPointsByPlanAndRefundsTakeThemBack() {
        Scenario s = start();
        TestCards standard = TestCards.VELOCITY; // STANDARD: 1 point per full 200 yen
        TestCards plus = TestCards.MOSTLY_OWED;  // PLUS: 3 points per full 200 yen
        ISOMsg ps = s.approve(purchase(standard, 5_000));
        ISOMsg pp = s.approve(purchase(plus, 1_000));
        String file = line("PURCHASE", standard.pan, ps.getString(38), ps.getString(37), 4_980)
                + line("PURCHASE", plus.pan, pp.getString(38), pp.getString(37), 1_000)
                + line("PURCHASE", standard.pan, "NOHOLD", "000000000001", 1_200);
        assertEquals(200, post(s, "/admin/clearing", file).status);

        assertEquals(24 + 6, points(s, standard.account)); // 4,980 captured + 1,200 forced
        assertEquals(15, points(s, plus.account));

        assertEquals(200, post(s, "/admin/clearing", line("REFUND", plus.pan, "", "", 400)).status);
        assertEquals(15 - 6, points(s, plus.account));
        // The ledger agrees: no holds left open, and it owes what the switch says (45,000 opening
        // balance journaled by provisioning + 1,000 captured - 400 refunded).
        Reply reconciled = get(s, "/admin/reconcile");
        assertEquals(200, reconciled.status, reconciled.body);
        assertEquals(45_600, s.sw.app().ledger().balance(plus.account).posted());
        assertEquals(50_000 - 45_600, s.available(plus));
        assertEquals(4_980 + 1_200, s.sw.app().ledger().balance(standard.account).posted());
    }

    @Test
    void theCommandLineClientPostsPaymentsAndClearingFiles() throws Exception {
        Scenario s = start();
        TestCards card = TestCards.SMALL_CREDIT; // 10,000
        ISOMsg p = s.approve(purchase(card, 3_000));
        Path file = dir.resolve("clearing.jsonl");
        Files.writeString(file, line("PURCHASE", card.pan, p.getString(38), p.getString(37), 3_000));
        String port = Integer.toString(s.sw.app().httpPort());

        assertEquals(0, AdminClient.run(new String[] {"clearing", file.toString(), "--http-port", port}));
        assertEquals(0, AdminClient.run(new String[] {"payment", card.account, "1000", "CLI-1", "--http-port", port}));
        assertEquals(1, AdminClient.run(new String[] {"payment", "NOSUCH", "1000", "CLI-2", "--http-port", port}));
        assertEquals(0, AdminClient.run(new String[] {"points", card.account, "--http-port", port}));

        assertEquals(10_000 - 2_000, s.available(card));
    }

    @Test
    void whenTheJournalCannotCommitNothingIsAppliedAndTheFileCanBeIngestedAgain() {
        AtomicBoolean failing = new AtomicBoolean();
        TestSwitch sw = TestSwitch.builder(dir).httpEnabled().moneyLog(real -> new MoneyLog() {
            @Override
            public void record(HoldEvent event) {
                if (!failing.get()) {
                    real.record(event);
                }
            }

            @Override
            public boolean commit() {
                return !failing.get() && real.commit();
            }
        }).start();
        open.add(sw);
        Scenario s = new Scenario(sw);
        open.add(s);
        TestCards card = TestCards.CONCURRENCY;
        ISOMsg p = s.approve(purchase(card, 5_000));
        String file = line("PURCHASE", card.pan, p.getString(38), p.getString(37), 5_000)
                + line("PURCHASE", card.pan, "XXXXXX", "100000000001", 1_000);

        failing.set(true);
        Reply failed = post(s, "/admin/clearing", file);
        failing.set(false);

        assertEquals(503, failed.status, failed.body);
        assertTrue(failed.body.contains("STOPPED"), failed.body);
        assertEquals(45_000, s.available(card)); // the hold is still open, nothing owed
        Reply retried = post(s, "/admin/clearing", file);
        assertEquals(200, retried.status, retried.body);
        assertEquals(1, number(retried.body, "matched: (\\d+)"), retried.body);
        assertEquals(1, number(retried.body, "forced: (\\d+)"), retried.body);
        assertEquals(0, number(retried.body, "already applied: (\\d+)"), retried.body);
        assertEquals(44_000, s.available(card));
        failing.set(true);
        Reply unpaid = post(s, "/admin/payments", payment(card.account, 100, "PAY-F"));
        failing.set(false);
        assertEquals(503, unpaid.status, unpaid.body);
        assertEquals(44_000, s.available(card));
        assertEquals(200, post(s, "/admin/payments", payment(card.account, 100, "PAY-F")).status);
        assertEquals(44_100, s.available(card));
    }

    private void closeAllQuietly() {
        try {
            closeAll();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        open.clear();
    }

    private static long points(Scenario s, String account) {
        Reply r = get(s, "/admin/points?account=" + account);
        assertEquals(200, r.status, r.body);
        assertEquals(0, number(r.body, "\"ledgerLag\":(\\d+)"), r.body);
        return number(r.body, "\"points\":(\\d+)");
    }

    private static String line(String type, String pan, String authCode, String rrn, long amount) {
        return "{\"type\":\"" + type + "\",\"pan\":\"" + pan + "\",\"authCode\":\"" + authCode + "\",\"rrn\":\"" + rrn
                + "\",\"acquirer\":\"123456\",\"amount\":" + amount + ",\"currency\":\"392\",\"merchantId\":\"MERCHANT0000001\","
                + "\"mcc\":\"5732\",\"date\":\"2026-11-23\"}\n";
    }

    private static String payment(String account, long amount, String id) {
        return "{\"account\":\"" + account + "\",\"amount\":" + amount + ",\"id\":\"" + id + "\"}";
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> "no " + regex + " in " + text);
        return Long.parseLong(m.group(1));
    }

    record Reply(int status, String body) {
    }

    private static Reply post(Scenario s, String path, String body) {
        return send(s, HttpRequest.newBuilder(uri(s, path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Reply get(Scenario s, String path) {
        return send(s, HttpRequest.newBuilder(uri(s, path)).GET().build());
    }

    private static URI uri(Scenario s, String path) {
        return URI.create("http://127.0.0.1:" + s.sw.app().httpPort() + path);
    }

    private static Reply send(Scenario s, HttpRequest request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
