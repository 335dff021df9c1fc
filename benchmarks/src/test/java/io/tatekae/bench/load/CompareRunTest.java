package io.tatekae.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/load compare} with real processes: the echo server and the stock jPOS server started
 * from this JVM's class path, the switch through {@code scripts/run} on the shipped default
 * configuration. Tiny rates for a second; nothing here asserts a latency. Then what happens to the
 * processes and their data when a server does not start in time, and when the tester itself is stopped.
 */
@Timeout(600)
class CompareRunTest {
    private static final Pattern SWITCH_PID = Pattern.compile("switch: pid (\\d+) listening");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void comparesEchoJposAndTheSwitchEachInItsOwnProcessAndPrintsTheRatios() throws Exception {
        Path outDir = dir.resolve("compare");
        // One rate and a search step or two per server; the machine may be busy, so the objective is generous.
        CompareRun run = compare("--out", outDir.toString(), "--card-count", "300", "--rates", "100", "--seconds", "1",
                "--jit-warmup", "1", "--jit-warmup-rate", "100", "--search-steps", "1", "--max-rate", "150", "--slo", "p99=10s");
        int status = run.run();
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertEquals(List.of("echo", "jpos", "switch"), run.results().stream().map(r -> r.label).toList());
        for (ServerResults r : run.results()) {
            assertNull(r.failure, text);
            assertNotNull(r.warmup(), r.label + " was warmed up");
            assertEquals(List.of(100.0), r.fixed().stream().map(RunResult::rate).toList(), text);
            assertFalse(r.phase(Session.SEARCH).isEmpty(), "a capacity search followed: " + text);
            for (RunResult run1 : r.runs) {
                assertEquals(run1.stats().sent.get(), run1.stats().responses.get(), r.label + " " + text);
                assertEquals(0, run1.stats().errors(), r.label + " " + run1.settings().phase() + " " + text);
            }
            assertTrue(r.pid > 0 && ProcessHandle.of(r.pid).map(ProcessHandle::isAlive).orElse(false) == false,
                    r.label + "'s process " + r.pid + " was stopped");
            assertTrue(r.conditions.stream().anyMatch(c -> c.startsWith("before " + r.label + ": load average")
                    && c.contains("; disk flush (2000 x 256-byte write + fdatasync, preallocated file): p50 ")), r.conditions.toString());
        }
        for (ServerResults r : run.results().subList(1, 3)) {
            assertEquals(r.runs.size() / 2, r.phase(Session.SETTLE).size(), r.label + ": its holds were reversed after each phase");
        }
        assertTrue(run.results().getFirst().phase(Session.SETTLE).isEmpty(), "the echo server keeps no holds");
        assertEquals(0, run.results().get(2).holdsLeftOpen);
        ServerResults theSwitch = run.results().get(2);
        assertEquals(theSwitch.runs.size() - theSwitch.phase(Session.SETTLE).size(), theSwitch.inside.size(),
                "the switch's own view of every phase but the settle steps: " + theSwitch.inside);
        assertTrue(theSwitch.inside.stream().allMatch(l -> l.contains("inside the switch (its own metrics")), theSwitch.inside.toString());
        assertTrue(run.results().subList(0, 2).stream().allMatch(r -> r.inside.isEmpty()), "echo and jPOS have no such metrics");
        assertTrue(run.results().get(2).conditions.contains("open holds on the switch after the session: 0"),
                "the switch's own metrics say no hold is left open: " + run.results().get(2).conditions);

        String summary = Files.readString(outDir.resolve("summary.txt"));
        assertTrue(summary.contains("config/switch.yaml (the default)"), summary);
        assertTrue(summary.contains("cores: ") && summary.contains("kernel: ") && summary.contains("JDK: "), summary);
        assertTrue(summary.contains("p99 (p50) by offered rate") && summary.contains("switch/echo") && summary.contains("switch/jpos"), summary);
        assertTrue(summary.contains("capacity switch/echo: ") && summary.contains("capacity switch/jpos: "), summary);
        assertTrue(summary.contains("scripts/run --data-dir"), "the switch was started through scripts/run: " + summary);
        String switchLog = Files.readString(outDir.resolve("switch.log"));
        assertTrue(switchLog.contains("tatekae listening") && switchLog.contains("cards added: 304"), switchLog);
        assertTrue(switchLog.contains("tatekae stopped"), "stopped gracefully: " + switchLog);
        String html = Files.readString(outDir.resolve("report.html"));
        for (String server : List.of("echo", "jpos", "switch")) {
            assertTrue(html.contains("Timeline: " + server), server);
        }
        assertTrue(html.contains("<svg") && html.contains("p99 by offered rate"), "charts");
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"), "self-contained");
        assertFalse(Files.exists(outDir.resolve("switch-data")) || Files.exists(outDir.resolve("jpos-data")), "data removed");
    }

    @Test
    void aServerThatDoesNotListenInTimeIsStoppedAndItsDataRemoved() throws Exception {
        Path outDir = dir.resolve("slow");
        CompareRun run = compare("--out", outDir.toString(), "--servers", "jpos", "--card-count", "300", "--start-timeout", "1",
                "--rates", "100", "--seconds", "1");
        assertEquals(1, run.run());
        ServerResults r = run.results().getFirst();
        assertTrue(r.failure.contains("did not listen within 1 s"), r.failure);
        assertFalse(ProcessHandle.of(r.pid).map(ProcessHandle::isAlive).orElse(false), "the baseline's process was killed");
        assertFalse(Files.exists(outDir.resolve("jpos-data")), "its data folder was removed");
    }

    @Test
    void stoppingTheTesterStopsTheSwitchItStartedAndRemovesItsData() throws Exception {
        Path outDir = dir.resolve("stopped");
        Path log = dir.resolve("tester.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.of(LoadTester.root()));
        command.addAll(List.of("-Dtatekae.root=" + LoadTester.root(), "-cp", System.getProperty("java.class.path"),
                LoadTester.class.getName(), "compare", "--out", outDir.toString(), "--servers", "switch", "--card-count", "300",
                "--jit-warmup", "0", "--rates", "100", "--seconds", "600", "--no-search", "--mix", "balance=1"));
        Process tester = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long switchPid = awaitSwitch(tester, log);
            assertTrue(ProcessHandle.of(switchPid).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(Files.isDirectory(outDir.resolve("switch-data")));
            tester.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C's SIGINT
            assertTrue(tester.waitFor(180, TimeUnit.SECONDS), "the tester exited");
            Optional<ProcessHandle> sw = ProcessHandle.of(switchPid);
            assertFalse(sw.map(ProcessHandle::isAlive).orElse(false), "the switch was stopped\n" + Files.readString(log));
            assertFalse(Files.exists(outDir.resolve("switch-data")), "its data folder was removed\n" + Files.readString(log));
            assertTrue(Files.readString(outDir.resolve("switch.log")).contains("tatekae stopped"), "gracefully");
        } finally {
            tester.destroyForcibly();
        }
    }

    private long awaitSwitch(Process tester, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            Matcher m = SWITCH_PID.matcher(text);
            if (m.find() && text.contains("switch   rate")) {
                return Long.parseLong(m.group(1));
            }
            if (!tester.isAlive()) {
                throw new AssertionError("the tester exited before the switch ran:\n" + text);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the switch did not start:\n" + Files.readString(log));
    }

    private CompareRun compare(String... args) {
        List<String> a = List.of(args);
        return new CompareRun(CompareOptions.parse(a), LoadTester.root(), a, out);
    }
}
