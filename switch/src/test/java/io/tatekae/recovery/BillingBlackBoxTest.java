package io.tatekae.recovery;

import io.tatekae.state.Luhn;
import io.tatekae.testsupport.FakeTime;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer's month from outside (issue 12): the real switch in its own process on a clock moved by
 * libfaketime, only its wire and its admin port. A purchase is approved and cleared; at midnight on the
 * 1st it is on a statement; one second past the due date the next purchase is declined 05 (1005); the
 * payment agents' file pays it and the next purchase is approved.
 */
class BillingBlackBoxTest {
    private static final String ACCOUNT = "W0000001";
    private static final String PAN = Luhn.withCheckDigit("354099300000001");
    private static final String NAME = "TARO YAMADA";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private int httpPort;
    private int stan = 400_000;

    @Test
    void anAccountGoesFromPurchaseToStatementToDelinquentToPaidOverTheWire() throws Exception {
        FakeTime clock = FakeTime.at(dir, "2026-11-28T10:00:00");
        int port = SwitchProcess.freePort();
        httpPort = SwitchProcess.freePort();
        Path config = writeConfig(dir.resolve("data"), port);
        Path cards = dir.resolve("cards.jsonl");
        Files.writeString(cards, "{\"type\":\"account\",\"id\":\"" + ACCOUNT + "\",\"creditLimit\":50000,\"plan\":\"STANDARD\","
                + "\"status\":\"GOOD\",\"kycVerified\":true}\n{\"type\":\"card\",\"pan\":\"" + PAN + "\",\"expiry\":\"3012\","
                + "\"name\":\"" + NAME + "\",\"account\":\"" + ACCOUNT + "\",\"limit\":50000,\"status\":\"ACTIVE\"}\n");
        SwitchProcess sw = SwitchProcess.start(config, cards, port, dir.resolve("switch.log"), clock.environment());
        SwitchProcess.awaitHttp(httpPort);
        try (IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg approved = c.request(purchase(4_980));
            assertEquals("00", approved.getString(39), () -> "DE 48 " + approved.getString(48));
            HttpResponse<String> cleared = http("POST", "/admin/clearing", "{\"type\":\"PURCHASE\",\"pan\":\"" + PAN
                    + "\",\"authCode\":\"" + approved.getString(38) + "\",\"rrn\":\"" + approved.getString(37)
                    + "\",\"acquirer\":\"123456\",\"amount\":4980,\"currency\":\"392\"}\n");
            assertTrue(cleared.body().contains("matched: 1"), cleared.body());

            clock.moveTo("2026-11-30T23:59:58");
            FakeTime.awaitSeen();
            String statement = awaitBody("/admin/accounts/" + ACCOUNT, "\"month\":\"2026-11\"", 20);
            assertTrue(statement.contains("\"amountDue\":" + (4_980 + 209)) && statement.contains("\"dueDate\":\"2026-12-10\"")
                    && statement.contains("\"state\":\"OPEN\""), statement);

            clock.moveTo("2026-12-10T23:59:00");
            FakeTime.awaitSeen();
            assertEquals("00", c.request(purchase(100)).getString(39), "before the due date ends");
            clock.moveTo("2026-12-11T00:00:05");
            // The process reads the moved clock within a second or so; its view says when it does.
            String late = awaitBody("/admin/accounts/" + ACCOUNT, "\"status\":\"DELINQUENT\"", 30);
            assertTrue(late.contains("\"state\":\"LATE\""), late);
            ISOMsg declined = c.request(purchase(100));
            assertEquals("05", declined.getString(39), () -> "DE 48 " + declined.getString(48));
            assertTrue(declined.getString(48).contains("90041005"), declined.getString(48));

            HttpResponse<String> paid = http("POST", "/admin/payments/file", "{\"type\":\"PAYMENT\",\"id\":\"CVS-20261211-000001\","
                    + "\"account\":\"" + ACCOUNT + "\",\"amount\":5189,\"method\":\"CONVENIENCE_STORE\","
                    + "\"paidAt\":\"2026-12-11T00:00:01+09:00\"}\n");
            assertEquals(200, paid.statusCode(), paid.body());
            assertTrue(paid.body().contains("\"paymentsApplied\":1"), paid.body());
            assertEquals("00", c.request(purchase(100)).getString(39), "paid up: approved at once");
            String good = http("GET", "/admin/accounts/" + ACCOUNT, null).body();
            assertTrue(good.contains("\"status\":\"GOOD\"") && good.contains("\"paid\":5189"), good);
        } finally {
            sw.stop();
        }
    }

    private ISOMsg purchase(long yen) {
        return Messages.purchase(PAN, "3012", NAME, yen, String.format("%06d", ++stan));
    }

    private String awaitBody(String path, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http("GET", path, null).body();
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + text + " in " + body);
    }

    private HttpResponse<String> http(String method, String path, String body) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(30));
            b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private Path writeConfig(Path data, int port) throws IOException {
        return SwitchYaml.write(dir, port, httpPort, data,
                "state:", "  maxCards: 100", "  maxAccounts: 100", "holds:", "  maxOpenHolds: 65536", "journal:", "  fsync: durable", "");
    }
}
