package io.tatekae.recovery;

import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.PosterLock;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ledger.poster: child}, the default, over real processes: the switch starts the poster as a
 * child process (idle scheduling class, small heap, serial GC), restarts it when it dies, stops it
 * gracefully with itself; a child whose switch was SIGKILLed drains and exits by itself, and the next
 * child waits for the poster lock instead of failing.
 */
class ChildPosterTest {
    private static final long WAIT_MILLIS = 90_000;

    @TempDir
    Path dir;

    @Test
    void theSwitchStartsRestartsAndStopsItsChildPoster() throws Exception {
        Path data = dir.resolve("data");
        long committed;
        long secondPid;
        try (TestSwitch sw = TestSwitch.builder(data).yaml("ledger:\n  poster: child\n").start()) {
            assertNull(sw.app().poster(), "no poster thread in the switch");
            await("a child poster", () -> sw.app().posterChildPid() > 0);
            long firstPid = sw.app().posterChildPid();
            ProcessHandle child = ProcessHandle.of(firstPid).orElseThrow();
            // The pid runs the process spawner, then chrt, then java (each exec keeps the pid). chrt's own command line
            // names PosterMain too, and a read during its exec of java finds nothing: wait for java itself, read once.
            AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
            await("the child's java", () -> {
                seen.set(commandLine(firstPid));
                return seen.get().getFirst().endsWith("/bin/java") && seen.get().contains("io.tatekae.app.PosterMain");
            });
            List<String> arguments = seen.get();
            assertTrue(arguments.contains("-XX:+UseSerialGC") && arguments.contains("--child"), arguments.toString());
            // Sized from the configuration: the snapshot replay's table (65,536 remembered requests: 22 MB) + 192 MB, a
            // quarter more, 128 MB for the young generation and 64 MB; the young generation is at most a quarter of it.
            assertTrue(arguments.contains("-Xmx459m") && arguments.contains("-Xmn114m"), arguments.toString());
            assertEquals("SCHED_IDLE", schedulingPolicy(firstPid), () -> "the child runs in the idle scheduling class; its log:\n"
                    + log(data));
            approveSome(sw, 5);
            await("the child posts what the switch journals", () -> sw.app().ledgerLag() == 0);

            child.destroyForcibly();
            await("a new child after the first was killed", () -> sw.app().posterChildPid() > 0
                    && sw.app().posterChildPid() != firstPid);
            secondPid = sw.app().posterChildPid();
            approveSome(sw, 5);
            await("the restarted child posts", () -> sw.app().ledgerLag() == 0);
            assertTrue(sw.app().metrics().scrape().contains("tatekae_ledger_poster_restarts 1.0"), () -> "restart counted once;"
                    + " the children's log:\n" + log(data));
            committed = sw.app().committedSequence();
        }
        assertFalse(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false), "the child stops with the switch");
        String log = Files.readString(data.resolve("poster.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("(stopped)"), log);
        try (JdbcLedger ledger = JdbcLedger.open(LedgerConfig.sqlite(data))) {
            assertEquals(committed, ledger.lastPostedSequence(), "everything committed is in the ledger");
        }
    }

    @Test
    void aChildWhoseSwitchWasKilledExitsByItselfAndTheNextChildWaitsForTheLock() throws Exception {
        Path data = dir.resolve("data");
        int port = SwitchProcess.freePort();
        Path switchConfig = SwitchYaml.write(dir, port, 0, data,
                "state:\n  maxCards: 1000\n  maxAccounts: 1000", "holds:\n  maxOpenHolds: 65536",
                "ledger:\n  poster: child\n  childScheduling: normal", "");
        Path cards = dir.resolve("cards.jsonl");
        try (var in = TestSwitch.class.getResourceAsStream(TestSwitch.TEST_CARDS)) {
            Files.copy(in, cards);
        }
        SwitchProcess sw = SwitchProcess.start(switchConfig, cards, port, dir.resolve("switch.log"));
        long orphan = awaitLockHolder(data, -1);
        sw.kill();
        ProcessHandle child = ProcessHandle.of(orphan).orElse(null);
        assertTrue(child == null || child.onExit().get(60, TimeUnit.SECONDS) != null, "the orphaned child exits by itself");
        assertTrue(log(data).contains("the switch that started this poster stopped or is gone"), log(data));

        // An operator's poster holds the lock: the next switch's child waits for it instead of failing.
        List<String> command = SwitchProcess.javaCommand("io.tatekae.app.PosterMain");
        command.addAll(List.of("--config", switchConfig.toString(), "--status-seconds", "1"));
        Process operators = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("operator-poster.log").toFile()).start();
        long operatorsPid = awaitLockHolder(data, orphan);
        assertEquals(operators.pid(), operatorsPid);
        sw = SwitchProcess.start(switchConfig, null, port, dir.resolve("switch.log"));
        try {
            await("the new child waits for the lock", () -> log(data).contains("waiting up to 60 s for the poster lock"));
            operators.destroy();
            assertTrue(operators.waitFor(60, TimeUnit.SECONDS));
            long next = awaitLockHolder(data, operatorsPid);
            assertNotEquals(orphan, next);
            try (IsoTestClient c = sw.connectSignedOn()) {
                Wire.assertApproved(c.request(Wire.purchase(TestCards.TARO, 1_500)));
            }
            sw.stop();
        } finally {
            if (sw.isAlive()) {
                sw.kill();
            }
        }
    }

    private static void approveSome(TestSwitch sw, int count) {
        try (IsoTestClient c = sw.connectSignedOn()) {
            for (int i = 0; i < count; i++) {
                Wire.assertApproved(c.request(Wire.purchase(TestCards.TARO, 1_000 + i)));
            }
        }
    }

    /** The pid written into poster.lock by its holder, once it is another one than {@code previous} and alive. */
    private static long awaitLockHolder(Path data, long previous) {
        Path lock = data.resolve("journal").resolve(PosterLock.FILE);
        long[] pid = {-1};
        await("a poster holding the lock (other than " + previous + ")", () -> {
            try {
                pid[0] = Long.parseLong(Files.readString(lock).trim());
                return pid[0] != previous && ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false);
            } catch (IOException | NumberFormatException notYet) {
                return false;
            }
        });
        return pid[0];
    }

    private static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            return List.of("");
        }
    }

    private static String schedulingPolicy(long pid) throws IOException, InterruptedException {
        Process chrt = new ProcessBuilder("chrt", "-p", Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        chrt.waitFor(10, TimeUnit.SECONDS);
        return out.contains("SCHED_IDLE") ? "SCHED_IDLE" : out.trim();
    }

    private static String log(Path data) {
        try {
            return Files.readString(data.resolve("poster.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no poster.log)";
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not within " + Duration.ofMillis(WAIT_MILLIS));
            }
            SwitchProcess.sleep(50);
        }
    }
}
