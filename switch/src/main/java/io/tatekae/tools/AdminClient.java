package io.tatekae.tools;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one admin command to a running switch's HTTP port and prints the answer (exit 0 on 2xx):
 * <pre>
 *   clearing FILE                   POST /admin/clearing with the clearing file
 *   payment ACCOUNT AMOUNT ID       POST /admin/payments
 *   payments FILE                   POST /admin/payments/file with the payment agents' file
 *   points ACCOUNT                  GET  /admin/points?account=ACCOUNT
 *   redeem ACCOUNT POINTS           POST /admin/points/redeem
 *   account ACCOUNT                 GET  /admin/accounts/ACCOUNT
 *   direct-debit ACCOUNT on|off     PUT  /admin/accounts/ACCOUNT/direct-debit
 *   issue-card ACCOUNT NAME...      POST /admin/cards (the answer holds the card's PAN and CAV2: show it once)
 *   options: --http-port N (default 8080)  --http-host H (default 127.0.0.1)
 * </pre>
 */
public final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private AdminClient() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("admin: " + e.getMessage());
            System.err.println("usage: clearing FILE | payment ACCOUNT AMOUNT ID | payments FILE | points ACCOUNT"
                    + " | redeem ACCOUNT POINTS | account ACCOUNT | direct-debit ACCOUNT on|off | issue-card ACCOUNT NAME..."
                    + "  [--http-port N] [--http-host H]");
            System.exit(2);
        }
    }

    /** Runs one command; returns the exit status (0 on a 2xx answer). */
    public static int run(String[] args) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>();
        int port = 8080;
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--http-port" -> port = parsePort(value(args, ++i, "--http-port"));
                case "--http-host" -> host = value(args, ++i, "--http-host");
                default -> words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        URI base = URI.create("http://" + host + ":" + port);
        HttpRequest request = switch (words.getFirst()) {
            case "clearing", "payments" -> {
                expect(words, 2);
                Path file = Path.of(words.get(1));
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException(words.getFirst() + " file " + file + " cannot be read");
                }
                yield post(base.resolve(words.getFirst().equals("clearing") ? "/admin/clearing" : "/admin/payments/file"),
                        HttpRequest.BodyPublishers.ofFile(file));
            }
            case "redeem" -> {
                expect(words, 3);
                long points = parseAmount(words.get(2));
                yield post(base.resolve("/admin/points/redeem"), HttpRequest.BodyPublishers.ofString(
                        "{\"account\":\"" + jsonText(words.get(1)) + "\",\"points\":" + points + "}"));
            }
            case "account" -> {
                expect(words, 2);
                yield HttpRequest.newBuilder(base.resolve("/admin/accounts/" + pathSegment(words.get(1)))).timeout(TIMEOUT).GET().build();
            }
            case "direct-debit" -> {
                expect(words, 3);
                if (!words.get(2).equals("on") && !words.get(2).equals("off")) {
                    throw new IllegalArgumentException("direct-debit takes on or off, got " + words.get(2));
                }
                yield HttpRequest.newBuilder(base.resolve("/admin/accounts/" + pathSegment(words.get(1)) + "/direct-debit"))
                        .timeout(TIMEOUT).PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"registered\":" + words.get(2).equals("on") + "}")).build();
            }
            case "issue-card" -> {
                if (words.size() < 3) {
                    throw new IllegalArgumentException("issue-card takes an account and the cardholder's name, e.g. A0000001 TARO YAMADA");
                }
                String name = String.join(" ", words.subList(2, words.size()));
                yield post(base.resolve("/admin/cards"), HttpRequest.BodyPublishers.ofString(
                        "{\"account\":\"" + jsonText(words.get(1)) + "\",\"name\":\"" + jsonText(name) + "\"}"));
            }
            case "payment" -> {
                expect(words, 4);
                long amount = parseAmount(words.get(2));
                String json = "{\"account\":\"" + jsonText(words.get(1)) + "\",\"amount\":" + amount
                        + ",\"id\":\"" + jsonText(words.get(3)) + "\"}";
                yield post(base.resolve("/admin/payments"), HttpRequest.BodyPublishers.ofString(json));
            }
            case "points" -> {
                expect(words, 2);
                yield HttpRequest.newBuilder(base.resolve("/admin/points?account="
                        + URLEncoder.encode(words.get(1), StandardCharsets.UTF_8)))
                        .timeout(TIMEOUT).GET().build();
            }
            default -> throw new IllegalArgumentException("unknown command " + words.getFirst());
        };
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("admin: no switch answering on " + base + " (is it running with http.port set?)");
            return 1;
        }
        (response.statusCode() / 100 == 2 ? System.out : System.err).print(response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    private static HttpRequest post(URI uri, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).POST(body).build();
    }

    private static void expect(List<String> words, int count) {
        if (words.size() != count) {
            throw new IllegalArgumentException(words.getFirst() + " takes " + (count - 1) + " arguments, got " + (words.size() - 1));
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--http-port must be 1..65535, was " + text);
    }

    private static long parseAmount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AMOUNT must be a whole number of yen, was " + text);
        }
    }

    private static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
