package io.tatekae.bench.load;

import io.tatekae.app.SwitchApp;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.spec.ProfileSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/load run} against a real switch (in this JVM, real TCP) with a small velocity
 * allowance and little room for open holds, so that a session would cross both: every answer is still
 * the one expected (no velocity decline, nothing shed), every hold is reversed at the end. Then a
 * proxy that drops one request and spoils one answer, and the echo server. Short runs; nothing here
 * asserts a latency.
 */
class LoadTesterTest {
    private static final int VELOCITY = 3;
    private static final int MAX_OPEN_HOLDS = 400;

    @TempDir
    Path dir;
    private SwitchApp app;
    private Path cards;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private void startSwitch(int cardCount) throws Exception {
        cards = dir.resolve("load-cards.jsonl");
        CardPool.writeLoadCards(cards, cardCount);
        Path config = dir.resolve("switch.yaml");
        Files.writeString(config, """
                mode: test
                server:
                  host: 127.0.0.1
                  port: 0
                http:
                  port: 0
                state:
                  maxCards: 1000
                  maxAccounts: 1000
                holds:
                  maxOpenHolds: %d
                pipeline:
                  ringSize: 1024
                  waitStrategy: blocking
                  maxBatch: 128
                journal:
                  fsync: none
                policy:
                  velocityMaxApprovals: %d
                """.formatted(MAX_OPEN_HOLDS, VELOCITY));
        SwitchConfig c = ConfigLoader.load(config, Overrides.NONE.withDataDir(dir.resolve("data")).withPort(0)
                .withHttpPort(freePort())); // metrics on: the tester reads the switch's own view of each phase
        app = SwitchApp.open(c, InstantSource.system());
        assertTrue(app.provision(cards).allLinesUsed());
        app.start();
    }

    @AfterEach
    void stopSwitch() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aSessionStaysWithinTheVelocityAndTheTransactionTableAndReversesEveryHold() throws Exception {
        startSwitch(200);
        // 1,200 requests, 60 % of them approvals and advices: more holds than the 400 the switch keeps open
        // (it answers 91 when every entry it remembers is an open hold), and more approvals than 199 cards x 3
        // allow, so the last rate cannot run.
        ServerResults r = LoadTester.session(options(app.port(), "--jit-warmup", "1", "--jit-warmup-rate", "300",
                "--rates", "200,300,400", "--seconds", "1", "--no-search", "--metrics-port", Integer.toString(app.httpPort())), out);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(null, r.failure, text);
        assertEquals(List.of(200.0, 300.0), r.fixed().stream().map(RunResult::rate).toList(), text);
        assertEquals(3, r.inside.size(), "the switch's own view of the warm-up and both rates: " + r.inside);
        // The 300 requests of the last phase and the sign-on of each of its 2 connections; none of the settle steps'.
        assertTrue(r.inside.getLast().matches("switch +rate +300/s  inside the switch \\(its own metrics, frame decoded to"
                + " answer flushed\\), 30[0-2] answers: .*"), r.inside.toString());
        assertTrue(r.notes.stream().anyMatch(n -> n.contains("rate at 400/s skipped") && n.contains("provision more cards")),
                r.notes + "\n" + text);
        for (RunResult run : r.runs) {
            RunStats s = run.stats();
            assertEquals(run.settings().requests(), s.sent.get(), text);
            assertEquals(s.sent.get(), s.responses.get(), run.settings().phase() + " " + text);
            assertEquals(0, s.errors(), run.settings().phase() + ": no velocity decline, nothing shed\n" + text);
        }
        assertTrue(r.maxApprovalsPerCard <= VELOCITY && r.maxApprovalsPerCard >= 2, r.maxApprovalsPerCard + "\n" + text);
        assertTrue(r.phase(Session.SETTLE).size() == 3, "a settle step after each phase\n" + text);
        assertEquals(0, r.holdsLeftOpen, text);
        assertEquals(0.0, openHoldsOnTheSwitch(), "the switch has no hold of the tester's left open\n" + text);
    }

    @Test
    void flagsAWrongResponseCodeAndATimeout() throws Exception {
        startSwitch(300);
        try (SpoilingProxy proxy = new SpoilingProxy(app.port(), 100, 200)) {
            List<String> args = args(proxy.port(), "--jit-warmup", "0", "--rates", "150", "--seconds", "2", "--no-search",
                    "--timeout-ms", "500", "--report", dir.resolve("spoiled.html").toString());
            int status = LoadTester.run(args, out);
            String text = printed.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, text);
            assertTrue(text.contains("DE 39 96"), text);
            assertTrue(text.contains("1 wrong answers") && text.contains("1 timeouts"), text);
            assertTrue(Files.readString(dir.resolve("spoiled.html")).contains("<svg"));
        }
    }

    @Test
    void aSettleReversalThatGetsNoAnswerIsSentAgain() throws Exception {
        // Approvals only; the 0400s are the primer's three, then the settle step's: the fifth never reaches the switch.
        ServerResults r = sessionLosingTheFifthReversal("1", "approval=1");
        String text = printed.toString(StandardCharsets.UTF_8);
        List<RunResult> settles = r.phase(Session.SETTLE);
        assertEquals(2, settles.size(), "a second pass\n" + text);
        assertEquals(1, settles.getFirst().stats().timeouts.get(), text);
        assertEquals(1, settles.get(1).stats().sent.get(), "only the lost one went again\n" + text);
        assertEquals(0, settles.get(1).stats().errors(), text);
        assertEquals(0, r.holdsLeftOpen, text);
        assertEquals(0.0, openHoldsOnTheSwitch(), "the switch has no hold of the tester's left open\n" + text);
    }

    @Test
    void aMeasuredReversalThatGetsNoAnswerHasItsOriginalReversedByTheSettleStep() throws Exception {
        // The primer's three 0400s, then the mix's: the second of those never reaches the switch.
        ServerResults r = sessionLosingTheFifthReversal("2", "approval=3,reversal=1");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, r.fixed().getFirst().stats().timeouts.get(), text);
        for (RunResult settle : r.phase(Session.SETTLE)) {
            assertEquals(0, settle.stats().errors(), text);
        }
        assertEquals(0, r.holdsLeftOpen, text);
        assertEquals(0.0, openHoldsOnTheSwitch(), "the lost reversal's original was reversed too\n" + text);
    }

    /**
     * A session at 100/s for {@code seconds} with {@code mix}, against a switch of 300 cards, through a proxy
     * that never passes on the fifth 0400 it sees (the answer times out after 500 ms).
     */
    private ServerResults sessionLosingTheFifthReversal(String seconds, String mix) throws Exception {
        startSwitch(300);
        try (SpoilingProxy proxy = new SpoilingProxy(app.port(), "0400", 5, Integer.MAX_VALUE)) {
            return LoadTester.session(options(proxy.port(), "--jit-warmup", "0", "--rates", "100", "--seconds", seconds,
                    "--no-search", "--timeout-ms", "500", "--mix", mix), out);
        }
    }

    @Test
    void anyResponseFlagAcceptsEchoedFramesButTheStrictModeDoesNot() throws Exception {
        cards = dir.resolve("load-cards.jsonl");
        CardPool.writeLoadCards(cards, 300);
        try (EchoServer echo = new EchoServer("127.0.0.1", 0)) {
            List<String> a = args(echo.port(), "--jit-warmup", "1", "--jit-warmup-rate", "200", "--rates", "200,300",
                    "--seconds", "1", "--max-rate", "400", "--report", dir.resolve("e.html").toString());
            assertEquals(1, LoadTester.run(a, out), "an echoed 0800 is not an 0810");
            a.add("--any-response");
            a.addAll(List.of("--label", "echo"));
            assertEquals(0, LoadTester.run(a, out), printed.toString(StandardCharsets.UTF_8));
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("=== Capacity at p99=2ms"), text);
            String html = Files.readString(dir.resolve("e.html"));
            assertTrue(html.contains("<svg") && html.contains("Latency by percentile") && html.contains("Timeline: echo"), html);
            assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"), "self-contained");
        }
    }

    private double openHoldsOnTheSwitch() {
        for (String line : app.metrics().scrape().split("\n")) {
            if (line.startsWith("tatekae_open_holds ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no tatekae_open_holds in the switch's metrics");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private LoadOptions options(int port, String... more) {
        return LoadOptions.parse(args(port, more));
    }

    private List<String> args(int port, String... more) {
        List<String> a = new ArrayList<>(List.of("--cards", cards.toString(), "--port", Integer.toString(port),
                "--connections", "2", "--velocity", Integer.toString(VELOCITY), "--max-open-holds",
                Integer.toString(MAX_OPEN_HOLDS), "--report", dir.resolve("report.html").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** Only for {@link FrameCodec} access in the proxy. */
    static FrameCodec codec() {
        return new FrameCodec(ProfileSpec.load());
    }
}
