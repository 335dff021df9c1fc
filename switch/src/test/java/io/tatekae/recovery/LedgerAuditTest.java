package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerConnections;
import io.tatekae.testsupport.HttpGet;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery checks itself, end to end with the default child poster on SQLite: an account whose ledger
 * totals no longer match its rows is a {@code /admin/reconcile} finding; {@code POST
 * /admin/ledger/audit} has the poster (another process) repair it from the journal, and its findings become
 * the switch's metrics; a poster starting
 * on a damaged ledger repairs it by itself; and reconcile compares what each account owes too.
 */
class LedgerAuditTest {
    private static final String ACCOUNT = TestCards.TARO.account;
    private static final String CHILD = "ledger:\n  poster: child\n  childScheduling: normal\n";

    @TempDir
    Path dir;

    @Test
    void aDamagedAccountIsFoundReportedAndRepairedFromTheJournalOnDemandAndAtStart() throws Exception {
        Path data = dir.resolve("data");
        LedgerConfig ledger = LedgerConfig.sqlite(data);
        try (TestSwitch sw = TestSwitch.builder(data).httpEnabled().yaml(CHILD).start()) {
            approve(sw, 3);
            awaitReconciled(sw);

            execute(ledger, "UPDATE ledger_account SET pending_holds = pending_holds + 777 WHERE account_id = '" + ACCOUNT + "'");
            HttpResponse<String> found = HttpGet.get(url(sw, "/admin/reconcile"));
            assertEquals(409, found.statusCode(), found.body());
            assertTrue(found.body().contains("ledger account " + ACCOUNT + ": open holds") && found.body().contains(
                    "POST /admin/ledger/audit has the poster repair them from the journal"), found.body());
            assertTrue(found.body().contains(ACCOUNT + ": switch holds"), "the switch-vs-ledger comparison sees it too: " + found.body());

            HttpResponse<String> audit = post(url(sw, "/admin/ledger/audit"));
            assertEquals(200, audit.statusCode(), audit.body());
            assertTrue(audit.body().contains("1 accounts' totals differed from their rows before the poster's audit, 0 after"),
                    audit.body());
            assertEquals(200, HttpGet.get(url(sw, "/admin/reconcile")).statusCode());
            String metrics = sw.app().metrics().scrape();
            assertTrue(metrics.contains("tatekae_ledger_totals_differences 1.0") && metrics.contains("tatekae_ledger_totals_unrepaired 0.0"),
                    "the child's audit found one and left none: the switch's metrics read its marks");
            assertTrue(posterLog(data).contains("1 accounts repaired from the journal, 0 differences left"), posterLog(data));

            // A forced post the journal never had, with totals to match: only the comparison of what is owed sees it.
            execute(ledger, "INSERT INTO ledger_transfer (transfer_id, kind, hold_id, account_id, amount, pending_delta,"
                    + " posted_delta, event_time, once_class, once_key) VALUES (900000000, 'FORCED_POST', 1, '" + ACCOUNT
                    + "', 500, 0, 500, 0, 6, NULL)");
            execute(ledger, "UPDATE ledger_account SET posted = posted + 500 WHERE account_id = '" + ACCOUNT + "'");
            String owed = HttpGet.get(url(sw, "/admin/reconcile")).body();
            assertTrue(owed.contains(ACCOUNT + ": switch says ") && owed.contains(" yen owed, ledger "), owed);
            execute(ledger, "DELETE FROM ledger_transfer WHERE transfer_id = 900000000");
            execute(ledger, "UPDATE ledger_account SET posted = posted - 500 WHERE account_id = '" + ACCOUNT + "'");
        }
        // Damage while nothing runs: the next poster repairs it at its start.
        execute(ledger, "DELETE FROM ledger_transfer WHERE transfer_id = (SELECT MAX(transfer_id) FROM ledger_transfer)");
        try (TestSwitch sw = TestSwitch.builder(data).cards(null).httpEnabled().yaml(CHILD).start()) {
            awaitReconciled(sw);
            assertTrue(posterLog(data).contains("ledger audit at start: 1 accounts' totals differ from their rows"), posterLog(data));
        }
    }

    private static void approve(TestSwitch sw, int count) {
        try (IsoTestClient c = sw.connectSignedOn()) {
            for (int i = 0; i < count; i++) {
                Wire.assertApproved(c.request(Wire.purchase(TestCards.TARO, 2_000 + i)));
            }
        }
    }

    /** The child poster posts in its own time: asks until the ledger agrees, bounded. */
    private static void awaitReconciled(TestSwitch sw) {
        long deadline = System.currentTimeMillis() + 90_000;
        HttpResponse<String> r = HttpGet.get(url(sw, "/admin/reconcile"));
        while (r.statusCode() != 200 && System.currentTimeMillis() < deadline) {
            SwitchProcess.sleep(500);
            r = HttpGet.get(url(sw, "/admin/reconcile"));
        }
        assertEquals(200, r.statusCode(), r.body());
    }

    private static void execute(LedgerConfig ledger, String sql) throws SQLException {
        try (Connection c = new LedgerConnections(ledger).openWriter(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(sql), sql);
        }
    }

    private static String url(TestSwitch sw, String path) {
        return "http://127.0.0.1:" + sw.httpPort() + path;
    }

    private static HttpResponse<String> post(String url) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(150))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String posterLog(Path data) throws Exception {
        return Files.readString(data.resolve("poster.log"), StandardCharsets.UTF_8);
    }
}
