package io.tatekae.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatekae.testsupport.AuthorizationLoad;
import io.tatekae.testsupport.ExternalBinary;
import io.tatekae.testsupport.HttpGet;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Prometheus scrapes an in-process switch's /metrics while authorizations flow over TCP,
 * and the authorization latency comes back through Prometheus's query API: the exposition is
 * something a real Prometheus accepts, and the histogram and quantile gauges mean what they say.
 */
class PrometheusScrapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void prometheusReadsTheAuthorizationLatencyBack() throws Exception {
        Path prometheus = ExternalBinary.require("/usr/bin/prometheus", "prometheus");
        try (TestSwitch sw = TestSwitch.builder(dir.resolve("switch")).httpEnabled().start();
             AuthorizationLoad load = AuthorizationLoad.start(sw, 2, 100)) {
            int port = freePort();
            Process p = startPrometheus(prometheus, sw.httpPort(), port);
            try {
                String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";
                JsonNode up = await(api, "up{job=\"tatekae\"}");
                assertEquals("1", up.get(1).asText(), "Prometheus scraped the switch");

                double p99 = await(api, "histogram_quantile(0.99, sum by (le) (rate(tatekae_auth_duration_seconds_bucket[10s])))")
                        .get(1).asDouble();
                assertTrue(p99 > 0 && p99 <= 1.5, "p99 from the histogram within its buckets: " + p99);

                double lastSecondP99 = await(api, "max_over_time(tatekae_auth_latency_seconds{quantile=\"0.99\"}[1m])")
                        .get(1).asDouble();
                assertTrue(lastSecondP99 > 0 && lastSecondP99 < 60, "last-second p99 gauge: " + lastSecondP99);

                double approvals = await(api, "sum(tatekae_requests_total{mti=\"0100\",de39=\"00\"})").get(1).asDouble();
                assertTrue(approvals >= 1, "approved 0100s counted: " + approvals);
                dashboardQueriesRun(api);
                load.checkHealthy();
                assertTrue(load.answered() > 0);
            } finally {
                stop(p);
            }
        }
    }

    /** Every query of config/grafana-dashboard.json parses; those of its top row (stat panels) have data. */
    private void dashboardQueriesRun(String api) throws Exception {
        JsonNode dashboard = JSON.readTree(Path.of("..", "config", "grafana-dashboard.json").toFile());
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                if (panel.get("type").asText().equals("stat")) {
                    await(api, expr, false);
                } else {
                    HttpResponse<String> r = HttpGet.get(api + URLEncoder.encode(expr, StandardCharsets.UTF_8));
                    assertEquals(200, r.statusCode(), () -> panel.get("title") + ": " + expr + " -> " + r.body());
                    assertEquals("success", JSON.readTree(r.body()).get("status").asText(), expr);
                }
                queries++;
            }
        }
        assertTrue(queries >= 15, "the dashboard has its queries: " + queries);
    }

    private Process startPrometheus(Path binary, int switchHttpPort, int port) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: tatekae
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(switchHttpPort));
        return new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
    }

    /**
     * Runs an instant query until it returns one sample ([time, "value"]) that is a positive number;
     * Prometheus needs a few scrapes before rates exist.
     */
    private JsonNode await(String api, String query) throws Exception {
        return await(api, query, true);
    }

    /** As {@link #await(String, String)}; {@code positive} false accepts any single sample (a lag of 0). */
    private JsonNode await(String api, String query, boolean positive) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HttpGet.get(api + URLEncoder.encode(query, StandardCharsets.UTF_8));
                last = r.statusCode() + " " + r.body();
                JsonNode result = JSON.readTree(r.body()).path("data").path("result");
                if (r.statusCode() == 200 && result.size() == 1) {
                    JsonNode value = result.get(0).get("value");
                    double v = Double.parseDouble(value.get(1).asText());
                    if (!Double.isNaN(v) && (v > 0 || !positive)) {
                        return value;
                    }
                }
            } catch (UncheckedIOException notListeningYet) {
                last = notListeningYet.getMessage();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus never answered '" + query + "' with " + (positive ? "a positive" : "one")
                + " sample; last answer: "
                + last + "\nPrometheus log:\n" + tail(dir.resolve("prometheus.log")));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
