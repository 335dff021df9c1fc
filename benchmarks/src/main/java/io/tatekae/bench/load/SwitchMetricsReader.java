package io.tatekae.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The switch's Prometheus page ({@code GET /metrics} on its HTTP port), read for a value or two. */
final class SwitchMetricsReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SwitchMetricsReader() {
    }

    /** The page of a switch on this machine, or "" when it cannot be read (HTTP off, the switch gone). */
    static String scrape(int httpPort) {
        return scrape("127.0.0.1", httpPort);
    }

    /** The page, or "" when it cannot be read (HTTP off, the switch gone). */
    static String scrape(String host, int httpPort) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/metrics")).timeout(TIMEOUT).build();
            HttpResponse<String> response = client.send(get, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The value of the sample written as {@code name} (with its labels, if any, as the page writes them), or NaN. */
    static double value(String page, String name) {
        for (String line : page.split("\n")) {
            if (line.startsWith(name + " ")) {
                try {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }
}
