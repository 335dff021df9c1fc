package io.tatekae.bench.load;

import io.tatekae.app.SwitchApp;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.spec.ProfileSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tester against real servers over real TCP: an in-process switch with load cards, the echo
 * and stock-jPOS baselines, and a proxy that drops one request and spoils one answer's DE 39.
 * Short runs (2 s at 500/s); nothing here asserts a latency.
 */
class LoadTesterTest {
    private static final int RATE = 500;
    private static final int SECONDS = 2;

    @TempDir
    Path dir;
    private SwitchApp app;
    private Path config;
    private Path cards;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void startSwitch() throws Exception {
        cards = dir.resolve("load-cards.jsonl");
        CardPool.writeLoadCards(cards, 300);
        config = dir.resolve("switch.yaml");
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
                  maxOpenHolds: 65536
                pipeline:
                  ringSize: 1024
                  waitStrategy: blocking
                  maxBatch: 128
                journal:
                  fsync: none
                policy:
                  velocityMaxApprovals: 32
                """);
        SwitchConfig c = ConfigLoader.load(config, Overrides.NONE.withDataDir(dir.resolve("data")).withPort(0).withHttpPort(0));
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
    void countsEveryAnswerOfTheSwitchAndBothBaselinesAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report.html");
        LoadTester tester = tester(app.port(), report, "--baseline-echo", "in-process", "--baseline-jpos", "in-process",
                "--baseline-config", config.toString());
        int status;
        try {
            status = tester.runAll();
        } finally {
            tester.closeOwned();
        }
        List<TargetResults> all = tester.results();
        assertEquals(List.of("switch", "echo", "jpos"), all.stream().map(t -> t.label).toList());
        for (TargetResults t : all) {
            RunStats s = t.runs.getFirst().stats();
            String what = t.label + ": " + printed.toString(StandardCharsets.UTF_8);
            assertEquals(RATE * (SECONDS + 1), s.sent.get(), what);
            assertEquals(s.sent.get(), s.responses.get(), what);
            assertEquals(RATE * SECONDS, s.measuredResponses.get(), what);
            assertEquals(RATE * SECONDS, t.runs.getFirst().latency().getTotalCount(), what);
            assertEquals(0, s.errors(), what);
        }
        assertEquals(0, status, printed.toString(StandardCharsets.UTF_8));
        String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("Latency by percentile") && html.contains("jpos"), html);
        assertTrue(!html.contains("<script src") && !html.contains("http://cdn") && !html.contains("https://"), "self-contained");
    }

    @Test
    void flagsAWrongResponseCodeAndATimeout() throws Exception {
        try (SpoilingProxy proxy = new SpoilingProxy(app.port(), 150, 400)) {
            LoadTester tester = tester(proxy.port(), dir.resolve("spoiled.html"), "--timeout-ms", "500");
            int status = tester.runAll();
            RunStats s = tester.results().getFirst().runs.getFirst().stats();
            String text = printed.toString(StandardCharsets.UTF_8);
            assertEquals(1, s.wrong.get(), text);
            assertEquals(1, s.timeouts.get(), text);
            assertEquals(s.sent.get() - 1, s.responses.get(), text);
            assertEquals(0, s.unmatched.get() + s.malformed.get() + s.shed.get(), text);
            assertEquals(1, status, text);
            assertTrue(text.contains("DE 39 96"), text);
            assertTrue(Files.exists(dir.resolve("spoiled.html")));
        }
    }

    @Test
    void anyResponseFlagAcceptsEchoedFramesButTheStrictModeDoesNot() throws Exception {
        try (EchoServer echo = new EchoServer("127.0.0.1", 0)) {
            List<String> args = new ArrayList<>(List.of("--cards", cards.toString(), "--port", Integer.toString(echo.port()),
                    "--rate", "200", "--seconds", "1", "--warmup", "0", "--report", dir.resolve("e.html").toString()));
            assertEquals(1, LoadTester.run(args, out), "an echoed 0800 is not an 0810");
            args.add("--any-response");
            assertEquals(0, LoadTester.run(args, out), printed.toString(StandardCharsets.UTF_8));
        }
    }

    private LoadTester tester(int port, Path report, String... more) {
        List<String> args = new ArrayList<>(List.of("--cards", cards.toString(), "--port", Integer.toString(port),
                "--rate", Integer.toString(RATE), "--seconds", Integer.toString(SECONDS), "--warmup", "1",
                "--connections", "2", "--velocity", "32", "--report", report.toString()));
        args.addAll(List.of(more));
        return new LoadTester(LoadOptions.parse(args), out);
    }

    /** Only for {@link FrameCodec} access in the proxy. */
    static FrameCodec codec() {
        return new FrameCodec(ProfileSpec.load());
    }
}
