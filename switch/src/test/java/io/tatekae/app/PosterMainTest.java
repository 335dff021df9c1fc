package io.tatekae.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scripts/poster}'s refusals: each says what is wrong (the posting itself: {@code recovery.ExternalPosterTest}). */
class PosterMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        return PosterMain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadCommandLineIsRefusedWithTheUsage() throws Exception {
        assertEquals(2, run("--bogus"));
        assertTrue(err().contains("unexpected argument --bogus") && err().contains("usage: scripts/poster"), err());
        assertEquals(2, run("--status-seconds", "0"));
        assertTrue(err().contains("--status-seconds must be 1..3600, got 0"), err());
        assertEquals(2, run("--config"));
        assertTrue(err().contains("--config needs a value"), err());
    }

    @Test
    void aBadConfigurationIsRefusedWithTheSwitchsOwnMessage() throws Exception {
        Path config = Files.writeString(dir.resolve("switch.yaml"), "ledger:\n  poster: sideways\n");
        assertEquals(2, run("--config", config.toString()));
        assertTrue(err().contains("ledger.poster: \"sideways\" is not allowed"), err());
    }

    /**
     * A heap too small for the snapshot replay's table: refused before anything is opened, and the
     * process ends (a shutdown hook registered first had waited for a poster that never ran: a hang).
     */
    @Test
    void aHeapTooSmallForTheSnapshotReplayIsRefusedAndTheProcessEnds() throws Exception {
        Path config = Files.writeString(dir.resolve("switch.yaml"), "mode: test\nholds:\n  maxOpenHolds: 2000000\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), PosterMain.class.getName(), "--config", config.toString(),
                "--data-dir", dir.resolve("data").toString()));
        Process poster = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(poster.waitFor(60, TimeUnit.SECONDS), "the poster process hangs");
        String output = new String(poster.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, poster.exitValue(), output);
        assertTrue(output.contains("the poster's heap is too small: with holds.maxOpenHolds 2,000,000"), output);
    }

    @Test
    void aJournalNoSwitchHasOpenedYetIsRefused() throws Exception {
        Path config = Files.writeString(dir.resolve("switch.yaml"), "mode: test\n");
        assertEquals(1, run("--config", config.toString(), "--data-dir", dir.resolve("data").toString()));
        assertTrue(err().contains("committed.mark: no sequence mark yet (start the switch once first"), err());
    }
}
