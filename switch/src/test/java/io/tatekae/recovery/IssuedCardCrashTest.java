package io.tatekae.recovery;

import io.tatekae.state.ChronicleStateStore;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new card is journaled before its 201 leaves (issue 13): the switch is killed with SIGKILL right after
 * the answer; after a restart the card works; and when the state files lost every card, the restart
 * re-creates it from the journal (its PAN key, masked PAN, expiry, name, limit; never the PAN or CAV2).
 */
class IssuedCardCrashTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void anIssuedCardSurvivesAKillRightAfterTheAnswerAndTheLossOfTheStateFiles() throws Exception {
        Path data = dir.resolve("data");
        int port = SwitchProcess.freePort();
        int httpPort = SwitchProcess.freePort();
        Path config = SwitchYaml.write(dir, port, httpPort, data,
                "state:", "  maxCards: 100", "  maxAccounts: 100", "holds:", "  maxOpenHolds: 65536",
                "journal:", "  fsync: durable", "");
        Path accounts = dir.resolve("accounts.jsonl");
        Files.writeString(accounts, "{\"type\":\"account\",\"id\":\"E1\",\"creditLimit\":50000,\"plan\":\"STANDARD\","
                + "\"status\":\"GOOD\",\"kycVerified\":true,\"history\":{\"statementsClosed\":3,\"statementsLate\":0,"
                + "\"purchases\":5,\"purchaseYen\":12000}}\n");
        Path log = dir.resolve("switch.log");

        SwitchProcess sw = SwitchProcess.start(config, accounts, port, log);
        SwitchProcess.awaitHttp(httpPort);
        HttpResponse<String> issued = post(httpPort, "/admin/cards", "{\"account\":\"E1\",\"name\":\"HANAKO SATO\"}");
        sw.kill();
        assertEquals(201, issued.statusCode(), issued.body());
        String pan = field(issued.body(), "pan");
        String expiry = field(issued.body(), "expiry");

        sw = SwitchProcess.start(config, null, port, log);
        try (IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg r = c.request(Messages.purchase(pan, expiry, "SATO HANAKO", 1_000, "000101"));
            assertEquals("00", r.getString(39), () -> "after the kill, DE 48 " + r.getString(48));
        } finally {
            sw.stop();
        }

        Files.delete(data.resolve("state").resolve(ChronicleStateStore.CARDS_FILE)); // every card the state files had
        sw = SwitchProcess.start(config, null, port, log);
        try (IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg r = c.request(Messages.purchase(pan, expiry, "HANAKO SATO", 1_000, "000102"));
            assertEquals("00", r.getString(39), () -> "re-created from the journal, DE 48 " + r.getString(48));
            assertTrue(sw.log().contains("1 issued cards re-created"), sw.logTail());
        } finally {
            sw.stop();
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([0-9]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
