package io.tatekae.app;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.state.provision.ProvisioningReport;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a scenario that exercises every path a PAN or a CAV2 passes through (approvals, declines
 * for CAV2 and name, an unknown card, reversals, malformed and unanswerable frames carrying a PAN
 * and a CAV2, a protocol violation, provisioning with bad lines over HTTP and from a file), no log
 * line (all levels, root logger), no console output, no HTTP answer and no byte of any file the
 * switch wrote under its data folder (state maps, journal segments, SQLite ledger) holds a full test
 * PAN (ASCII or UTF-16) or a CAV2 that was sent (as its DE 48 subelement "9203" + digits).
 * Issuance too (issue 13): a card issued over HTTP and used at once; its PAN and its CAV2 may appear
 * in that one answer only, never in a log line, the console, another answer, a data file or the
 * traffic recorder's file (which holds PANs by design, so only CAV2s are looked for there).
 */
@Timeout(180)
class SecretLeakScanTest {
    private static final String UNKNOWN_PAN = "3540991000000993";
    private static final String BAD_LINE_PAN = "3540991000000159";
    private static final String BAD_LUHN_PAN = "3540991000000150";
    private static final String HTTP_BAD_LINE_PAN = "3540991000000167";
    private static final String HTTP_BAD_LUHN_PAN = "3540991000000160";
    private static final String WRONG_CAV2 = "913";
    /** DE 48 tag 92 as the recorder's Cav2Scrubber leaves it: its digits zeroed. */
    private static final String SCRUBBED_CAV2_SUBELEMENT = "9203000";

    @TempDir
    Path dir;

    private final List<String> logLines = new ArrayList<>();
    /** The issued card's PAN and CAV2, read from the one answer that may show them. */
    private String issuedPan;
    private String issuedCav2;

    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder().append(r.getLevel()).append(' ').append(r.getLoggerName())
                    .append(": ").append(new SimpleFormatter().formatMessage(r));
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (logLines) {
                logLines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void noPanOrCav2InLogsOutputHttpAnswersOrDataFiles() throws Exception {
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        System.setOut(new PrintStream(new TeeStream(console, out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeStream(console, err), true, StandardCharsets.UTF_8));
        List<String> httpAnswers = new ArrayList<>();
        Path data = dir.resolve("data");
        try {
            runScenario(data, httpAnswers);
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.setLevel(rootLevel);
            root.removeHandler(capture);
        }

        Set<String> secrets = secrets();
        assertTrue(issuedPan != null && issuedCav2 != null, "a card was issued");
        secrets.add(issuedPan);
        Set<String> cav2s = new LinkedHashSet<>(List.of("9203" + issuedCav2, "\"cav2\":\"" + issuedCav2 + "\"",
                "\"cav2\": \"" + issuedCav2 + "\""));
        secrets.addAll(cav2s);
        List<String> leaks = new ArrayList<>();
        synchronized (logLines) {
            assertTrue(logLines.size() > 5, "log lines were captured: " + logLines.size());
            for (String line : logLines) {
                scanText("log", line, secrets, leaks);
            }
        }
        scanText("console", console.toString(StandardCharsets.UTF_8), secrets, leaks);
        for (String answer : httpAnswers) {
            scanText("HTTP answer", answer, secrets, leaks);
        }
        int files = scanFiles(data, secrets, leaks);
        Path recording = dir.resolve("recording.bin");
        assertTrue(Files.size(recording) > 0, "the recorder wrote");
        // The recorder leaves tag 92 as "9203000": an issued CAV2 of 000 (one card in a thousand) reads the same there.
        Set<String> recordingCav2s = new LinkedHashSet<>(cav2s);
        recordingCav2s.remove(SCRUBBED_CAV2_SUBELEMENT);
        scanFiles(recording, recordingCav2s, leaks);
        assertTrue(files >= 5, "the switch wrote files to scan: " + files);
        System.out.println("leak scan: " + logLines.size() + " log lines, " + console.size() + " console bytes, "
                + httpAnswers.size() + " HTTP answers, " + files + " data files, " + secrets.size() + " secrets");
        assertEquals(List.of(), leaks, "secrets found");
    }

    /** Every full PAN the scenario used, and every CAV2 it sent in its DE 48 form. */
    private static Set<String> secrets() {
        Set<String> s = new LinkedHashSet<>();
        for (TestCards c : TestCards.values()) {
            s.add(c.pan);
            s.add("9203" + Messages.cav2(c.pan, c.expiry));
        }
        s.addAll(List.of(UNKNOWN_PAN, BAD_LINE_PAN, BAD_LUHN_PAN, HTTP_BAD_LINE_PAN, HTTP_BAD_LUHN_PAN, "9203" + WRONG_CAV2,
                "9203" + Messages.cav2(UNKNOWN_PAN, "3012")));
        return s;
    }

    private void runScenario(Path data, List<String> httpAnswers) throws Exception {
        int httpPort = freePort();
        String yaml = "mode: test\nserver:\n  host: 127.0.0.1\nhttp:\n  host: 127.0.0.1\n"
                + "state:\n  maxCards: 1000\n  maxAccounts: 1000\njournal:\n  fsync: batch\nledger:\n  poster: in-process\n"
                + "recorder:\n  enabled: true\n  file: '" + dir.resolve("recording.bin") + "'\n";
        SwitchConfig config = ConfigLoader.parse(yaml, "leak scan configuration",
                Overrides.NONE.withDataDir(data).withPort(0).withHttpPort(httpPort), Map.of());
        Path cards = dir.resolve("cards.jsonl"); // the operator's input, outside the data folder
        try (InputStream in = getClass().getResourceAsStream("/provisioning/test-cards.jsonl")) {
            Files.write(cards, in.readAllBytes());
            Files.writeString(cards, badLines(BAD_LINE_PAN, BAD_LUHN_PAN), StandardOpenOption.APPEND);
            Files.writeString(cards, "{\"type\":\"account\",\"id\":\"ISSUE1\",\"creditLimit\":50000,\"plan\":\"STANDARD\","
                    + "\"status\":\"GOOD\",\"kycVerified\":true,\"history\":{\"statementsClosed\":2,\"purchases\":3,"
                    + "\"purchaseYen\":9000}}\n", StandardOpenOption.APPEND);
        }
        try (SwitchApp app = SwitchApp.open(config, InstantSource.system())) {
            ProvisioningReport report = app.provision(cards);
            System.out.println("provisioned: " + report.describe()); // as Main prints it
            assertEquals(2, report.describe().lines().filter(l -> l.startsWith("  ")).count(), report.describe());
            app.start();
            exchangeMessages(app.port());
            httpAnswers.add(http(httpPort, "POST", "/admin/provision", badLines(HTTP_BAD_LINE_PAN, HTTP_BAD_LUHN_PAN)));
            httpAnswers.add(http(httpPort, "GET", "/metrics", null));
            issueAndUse(app.port(), httpPort, httpAnswers);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (app.poster().lag() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, app.poster().lag(), "the ledger caught up");
        }
    }

    /** Issues a card (its answer is the one place its PAN and CAV2 may be), then buys with it and looks at its account. */
    private void issueAndUse(int port, int httpPort, List<String> httpAnswers) throws Exception {
        String answer = http(httpPort, "POST", "/admin/cards", "{\"account\":\"ISSUE1\",\"name\":\"HANAKO SATO\"}");
        assertTrue(answer.startsWith("POST /admin/cards 201"), answer);
        Matcher pan = Pattern.compile("\"pan\":\"([0-9]+)\"").matcher(answer);
        Matcher cav2 = Pattern.compile("\"cav2\":\"([0-9]{3})\"").matcher(answer);
        Matcher expiry = Pattern.compile("\"expiry\":\"([0-9]{4})\"").matcher(answer);
        assertTrue(pan.find() && cav2.find() && expiry.find(), answer);
        issuedPan = pan.group(1);
        issuedCav2 = cav2.group(1);
        try (IsoTestClient c = IsoTestClient.connect(port)) {
            c.signOn();
            ISOMsg r = c.request(Messages.purchase(issuedPan, expiry.group(1), "SATO HANAKO", 1_000, "777001"));
            assertEquals("00", r.getString(39), () -> "the new card, DE 48 " + r.getString(48));
        }
        httpAnswers.add(http(httpPort, "GET", "/admin/accounts/ISSUE1", null));
        httpAnswers.add(http(httpPort, "POST", "/admin/cards", "{\"account\":\"ISSUE1\",\"name\":\"\u30bf\"}"));
    }

    /** Two card lines the loader must reject: a bad expiry, and a PAN failing its check digit. */
    private static String badLines(String panWithBadExpiry, String badLuhnPan) {
        return "{\"type\":\"card\",\"pan\":\"" + panWithBadExpiry + "\",\"expiry\":\"3X12\",\"name\":\"BAD LINE\","
                + "\"account\":\"A0000001\",\"limit\":1000,\"status\":\"ACTIVE\"}\n"
                + "{\"type\":\"card\",\"pan\":\"" + badLuhnPan + "\",\"expiry\":\"3012\",\"name\":\"BAD LUHN\","
                + "\"account\":\"A0000001\",\"limit\":1000,\"status\":\"ACTIVE\"}\n";
    }

    private static void exchangeMessages(int port) {
        try (IsoTestClient c = IsoTestClient.connect(port)) {
            c.signOn();
            ISOMsg approved = TestCards.TARO.purchase(1_000, c.nextStan());
            assertEquals("00", c.request(approved).getString(39));
            assertEquals("00", c.request(TestCards.HANAKO.purchase(2_000, c.nextStan())).getString(39));
            ISOMsg badCav2 = TestCards.HANAKO.purchase(500, c.nextStan());
            Messages.set(badCav2, 48, Messages.tlv("01", TestCards.HANAKO.name, "42", "05",
                    "43", "AAABAWFlmQAAAABjRWWZEEFgFz0=", "92", WRONG_CAV2));
            assertEquals("N7", c.request(badCav2).getString(39));
            ISOMsg badName = Messages.purchase(TestCards.SPARE.pan, TestCards.SPARE.expiry, "JIRO TANAKA", 500, c.nextStan());
            assertEquals("05", c.request(badName).getString(39));
            ISOMsg unknown = Messages.purchase(UNKNOWN_PAN, "3012", "NOBODY", 500, c.nextStan());
            assertEquals("14", c.request(unknown).getString(39));
            assertEquals("54", c.request(TestCards.EXPIRED.purchase(500, c.nextStan())).getString(39));
            assertEquals("00", c.request(Messages.reversal("0400", approved, c.nextStan(), null)).getString(39));
            ISOMsg neverSeen = TestCards.REVERSALS.purchase(700, "999001");
            assertEquals("25", c.request(Messages.reversal("0400", neverSeen, c.nextStan(), null)).getString(39));
            sendMalformed(c);
        }
        try (IsoTestClient violator = IsoTestClient.connect(port)) {
            // A PAN-bearing frame whose header is bad: the connection is closed for a protocol violation.
            byte[] message = IsoTestClient.pack(TestCards.TARO.purchase(100, "000900"));
            byte[] frame = new byte[4 + message.length];
            frame[0] = (byte) (message.length >>> 8);
            frame[1] = (byte) message.length;
            frame[3] = 1;
            System.arraycopy(message, 0, frame, 4, message.length);
            violator.sendRaw(frame);
            assertTrue(violator.closedByPeer(5_000), "closed for the bad header");
        }
    }

    /** A 30 (non-digit in DE 12), an unanswerable response MTI and a truncated request, each with a PAN and CAV2. */
    private static void sendMalformed(IsoTestClient c) {
        String stan = c.nextStan();
        byte[] good = IsoTestClient.pack(Messages.set(TestCards.TARO.purchase(300, stan), 12, "235959"));
        String text = new String(good, StandardCharsets.ISO_8859_1);
        byte[] bad = good.clone();
        bad[text.indexOf("235959") + 4] = 'A';
        c.sendMessage(bad);
        ISOMsg formatError = c.receive();
        assertEquals("30", formatError.getString(39));
        assertEquals(stan, formatError.getString(11));

        ISOMsg response = Messages.set(TestCards.HANAKO.purchase(300, c.nextStan()), 0, "0110");
        Messages.set(response, 39, "00");
        c.send(response);
        byte[] full = IsoTestClient.pack(TestCards.SPARE.purchase(300, c.nextStan()));
        c.sendMessage(Arrays.copyOf(full, full.length - 3));
        String echo = c.nextStan();
        ISOMsg r = c.request(Messages.networkManagement(echo, "301"));
        while (!echo.equals(r.getString(11))) {
            r = c.receive(); // the truncated request's 30 may come first
        }
        assertEquals("00", r.getString(39));
    }

    private static String http(int port, String method, String path, String body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return method + " " + path + " " + response.statusCode() + "\n" + response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void scanText(String where, String text, Set<String> secrets, List<String> leaks) {
        for (String secret : secrets) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                leaks.add(where + " holds " + kind(secret) + ": "
                        + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + secret.length() + 40)));
            }
        }
    }

    /** Byte-wise over every file under the data folder; returns how many files were scanned. */
    private static int scanFiles(Path data, Set<String> secrets, List<String> leaks) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) { // a single file is walked as itself
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            System.out.println("leak scan: scanning " + file.getFileName() + " (" + Files.size(file) + " bytes)");
            byte[] bytes = Files.readAllBytes(file);
            for (String secret : secrets) {
                for (var charset : List.of(StandardCharsets.US_ASCII, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                    if (indexOf(bytes, secret.getBytes(charset)) >= 0) {
                        leaks.add(file + " holds " + kind(secret) + " (" + charset + ")");
                    }
                }
            }
        }
        return files.size();
    }

    private static String kind(String secret) {
        return secret.startsWith("9203") ? "a CAV2 subelement " + secret
                : secret.contains("cav2") ? "an issued card's CAV2 " + secret : "the PAN " + secret;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Copies console output into the capture while still showing it. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int v) throws IOException {
            a.write(v);
            b.write(v);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
