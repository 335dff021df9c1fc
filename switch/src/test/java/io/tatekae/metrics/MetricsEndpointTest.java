package io.tatekae.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatekae.testsupport.HttpGet;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /metrics, /live.json and /live over real TCP and HTTP after known traffic. */
class MetricsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void metricsCountKnownTrafficByMtiDe39HistogramAndHolds() throws Exception {
        try (TestSwitch sw = TestSwitch.builder(dir).httpEnabled().start(); IsoTestClient c = sw.connectSignedOn()) {
            String base = "http://127.0.0.1:" + sw.httpPort();
            ISOMsg first = null;
            for (int i = 0; i < 11; i++) {
                TestCards card = i % 2 == 0 ? TestCards.TARO : TestCards.HANAKO;
                ISOMsg purchase = card.purchase(100, c.nextStan());
                assertEquals("00", c.request(purchase).getString(39));
                first = first == null ? purchase : first;
            }
            assertEquals("00", c.request(Messages.reversal("0400", first, c.nextStan(), null)).getString(39));
            assertEquals("54", c.request(TestCards.EXPIRED.purchase(100, c.nextStan())).getString(39));
            // 14 responses (sign-on, 11 approvals, 1 reversal, 1 decline) must have reached the published histogram.
            String text = awaitMetrics(base, "tatekae_auth_duration_seconds_count", 14);

            assertEquals(11, value(text, "tatekae_requests_total{de39=\"00\",mti=\"0100\"}"), 0);
            assertEquals(1, value(text, "tatekae_requests_total{de39=\"54\",mti=\"0100\"}"), 0);
            assertEquals(1, value(text, "tatekae_requests_total{de39=\"00\",mti=\"0800\"}"), 0);
            assertEquals(1, value(text, "tatekae_requests_total{de39=\"00\",mti=\"0400\"}"), 0);
            assertEquals(0, value(text, "tatekae_requests_total{de39=\"51\",mti=\"0400\"}"), 0);
            List<Double> buckets = bucketCounts(text, "tatekae_auth_duration_seconds");
            assertEquals(16, buckets.size(), "15 bounds from 50 µs to 1.5 s plus +Inf");
            for (int i = 1; i < buckets.size(); i++) {
                assertTrue(buckets.get(i) >= buckets.get(i - 1), "buckets are cumulative: " + buckets);
            }
            assertEquals(value(text, "tatekae_auth_duration_seconds_count"), buckets.getLast(), 0);
            assertTrue(value(text, "tatekae_auth_duration_seconds_sum") > 0);
            assertTrue(text.contains("tatekae_auth_duration_seconds_bucket{le=\"0.00005\"}"), "bucket bounds in plain decimals");
            assertTrue(value(text, "tatekae_batch_size_count") >= 1);
            assertTrue(value(text, "tatekae_journal_commit_duration_seconds_count") >= 1, "approvals change money: commits timed");
            assertEquals(10, value(text, "tatekae_open_holds"), 0, "11 approvals hold their amounts, the reversal closed one");
            assertEquals(0, value(text, "tatekae_in_flight"), 0, "everything was answered");
            assertEquals(1, value(text, "tatekae_connections_open"), 0);
            assertTrue(text.contains("tatekae_auth_latency_seconds{quantile=\"0.99\"}"), "last-second quantiles stay");
            assertTrue(text.contains("jvm_gc_"), "JVM and GC metrics are there");
        }
    }

    @Test
    void liveJsonKeepsSecondsAndDeclinesAndThePageIsSelfContained() throws Exception {
        try (TestSwitch sw = TestSwitch.builder(dir).httpEnabled().start(); IsoTestClient c = sw.connectSignedOn()) {
            String base = "http://127.0.0.1:" + sw.httpPort();
            c.request(TestCards.TARO.purchase(100, c.nextStan()));
            c.request(TestCards.EXPIRED.purchase(100, c.nextStan()));
            c.request(TestCards.EXPIRED.purchase(100, c.nextStan()));
            awaitMetrics(base, "tatekae_auth_duration_seconds_count", 4);
            JsonNode live = JSON.readTree(HttpGet.body(base + "/live.json"));

            // The request slots of the threading mode in use (run-to-completion: one batch's, maxBatch).
            assertEquals(sw.app().pipeline().remainingCapacity(), live.get("ringSize").asLong());
            int n = live.get("seconds").asInt();
            assertTrue(n >= 1);
            for (String series : List.of("t", "rate", "p50", "p99", "p999", "max", "ringFree", "ledgerLag", "connections", "inFlight", "openHolds")) {
                assertEquals(n, live.get(series).size(), series + " has one value a second");
            }
            long responses = 0;
            for (JsonNode r : live.get("rate")) {
                responses += r.asLong();
            }
            assertEquals(4, responses);
            assertEquals(live.get("ringSize").asLong(), live.get("ringFree").get(n - 1).asLong(), "every slot is free when idle");
            assertEquals(1, live.get("openHolds").get(n - 1).asDouble(), 0);
            JsonNode declines = live.get("declines");
            assertEquals(1, declines.size(), declines.toString());
            assertEquals("EXPIRED_CARD", declines.get(0).get("outcome").asText());
            assertEquals("54", declines.get(0).get("de39").asText());
            assertEquals(1001, declines.get(0).get("reason").asInt());
            assertEquals(2, declines.get(0).get("total").asLong());
            assertEquals(2, declines.get(0).get("lastMinute").asLong());

            for (String path : List.of("/", "/live")) {
                HttpResponse<String> page = HttpGet.get(base + path);
                assertEquals(200, page.statusCode());
                assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
                String html = page.body().toLowerCase(Locale.ROOT);
                assertTrue(html.contains("live.json") && html.contains("<svg"), "polls live.json and draws SVG");
                assertFalse(html.contains("<script src") || html.contains("<link") || html.contains("@import")
                        || html.contains("url("), "no external script, style or font");
                String rest = html.replace("http://www.w3.org/2000/svg", "");
                assertFalse(rest.contains("http://") || rest.contains("https://"), "no external address");
            }
        }
    }

    /** Polls /metrics until the sample reaches at least {@code atLeast} (the publisher runs once a second). */
    static String awaitMetrics(String base, String sample, double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String text = HttpGet.body(base + "/metrics");
        while (value(text, sample) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sample + " never reached " + atLeast + "; /metrics:\n" + text);
            }
            Thread.sleep(200);
            text = HttpGet.body(base + "/metrics");
        }
        return text;
    }

    /** The value of the sample line starting with {@code series} (name plus labels exactly as written). */
    static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + series + " in /metrics");
    }

    private static List<Double> bucketCounts(String text, String histogram) {
        List<Double> counts = new ArrayList<>();
        Matcher m = Pattern.compile("^" + histogram + "_bucket\\{le=\"[^\"]+\"} (\\S+)$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            counts.add(Double.parseDouble(m.group(1)));
        }
        return counts;
    }
}
