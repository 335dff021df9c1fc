package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatekae.state.Luhn;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real switch (TestSwitch: real TCP, real files, the H2 ledger) on a clock the test moves, with the
 * accounts and cards the billing tests provision, and the HTTP and ISO 8583 calls they make.
 */
final class BillingSwitch implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger STANS = new AtomicInteger(300_000);
    private static final AtomicInteger RRNS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TestSwitch sw;
    final MutableClock clock;
    private IsoTestClient client;

    private BillingSwitch(TestSwitch sw, MutableClock clock) {
        this.sw = sw;
        this.clock = clock;
    }

    /** Starts a switch on {@code dir} with {@code provisioning} (JSON Lines) and extra YAML. */
    static BillingSwitch start(Path dir, MutableClock clock, String provisioning, String yaml) {
        try {
            Files.createDirectories(dir);
            Path cards = dir.resolve("billing-cards.jsonl");
            Files.writeString(cards, provisioning);
            TestSwitch.Builder b = TestSwitch.builder(dir.resolve("data")).clock(clock).httpEnabled().cardsFile(cards);
            if (yaml != null && !yaml.isBlank()) {
                b.yaml(yaml);
            }
            return new BillingSwitch(b.start(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts again on the same data folder, without provisioning (a restart). */
    static BillingSwitch restart(Path dir, MutableClock clock, String yaml) {
        TestSwitch.Builder b = TestSwitch.builder(dir.resolve("data")).clock(clock).httpEnabled().cards(null);
        if (yaml != null && !yaml.isBlank()) {
            b.yaml(yaml);
        }
        return new BillingSwitch(b.start(), clock);
    }

    // ---- provisioning lines ----

    /** A 16-digit Luhn-valid PAN in 354099 for test card number {@code n}. */
    static String pan(int n) {
        return Luhn.withCheckDigit(String.format("35409920%07d", n));
    }

    static String account(String id, String plan, boolean directDebit) {
        return "{\"type\":\"account\",\"id\":\"" + id + "\",\"creditLimit\":50000,\"plan\":\"" + plan
                + "\",\"status\":\"GOOD\",\"kycVerified\":true,\"directDebit\":" + directDebit + "}\n";
    }

    static String card(String pan, String account, String name, long limit) {
        return "{\"type\":\"card\",\"pan\":\"" + pan + "\",\"expiry\":\"3012\",\"name\":\"" + name + "\",\"account\":\""
                + account + "\",\"limit\":" + limit + ",\"status\":\"ACTIVE\"}\n";
    }

    /** A STANDARD account without direct debit and its one card. */
    static String standardAccountWithCard(String account, String pan, String name, long limit) {
        return account(account, "STANDARD", false) + card(pan, account, name, limit);
    }

    // ---- admin over HTTP ----

    record Reply(int status, JsonNode json, String body) {
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET /admin/accounts/{id}, which must answer 200. */
    JsonNode account(String id) {
        Reply r = get("/admin/accounts/" + id);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** A clearing line that matches no hold: posted at once (a forced post) as a purchase of the clock's month. */
    void forcedPost(String pan, long amount) {
        clearing("PURCHASE", pan, amount);
    }

    void refund(String pan, long amount) {
        clearing("REFUND", pan, amount);
    }

    private void clearing(String type, String pan, long amount) {
        String line = "{\"type\":\"" + type + "\",\"pan\":\"" + pan + "\",\"authCode\":\"\",\"rrn\":\""
                + String.format("%012d", RRNS.incrementAndGet()) + "\",\"acquirer\":\"123456\",\"amount\":" + amount
                + ",\"currency\":\"392\",\"merchantId\":\"MERCHANT0000001\",\"mcc\":\"5732\",\"date\":\"2026-11-23\"}\n";
        Reply r = post("/admin/clearing", line);
        assertEquals(200, r.status(), r.body());
    }

    static String paymentLine(String id, String account, long amount, String method, String paidAtJapan) {
        return "{\"type\":\"PAYMENT\",\"id\":\"" + id + "\",\"account\":\"" + account + "\",\"amount\":" + amount
                + ",\"method\":\"" + method + "\",\"paidAt\":\"" + paidAtJapan + "+09:00\"}\n";
    }

    /** Posts a payment file of one line, which must be applied. */
    JsonNode pay(String id, String account, long amount, String paidAtJapan) {
        Reply r = post("/admin/payments/file", paymentLine(id, account, amount, "CONVENIENCE_STORE", paidAtJapan));
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("paymentsApplied").asInt(), r.body());
        return r.json();
    }

    // ---- authorizations over TCP ----

    /** An approvable e-commerce purchase on the card (test keys: its CAV2 is computed), with a fresh STAN. */
    ISOMsg purchase(String pan, String name, long amount) {
        ISOMsg m = Messages.purchase(pan, "3012", name, amount, String.format("%06d", STANS.incrementAndGet()));
        return connection().request(m);
    }

    IsoTestClient connection() {
        if (client == null) {
            client = sw.connectSignedOn();
        }
        return client;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sw.httpPort() + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
                json = JSON.readTree(r.body());
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        sw.close();
    }
}
