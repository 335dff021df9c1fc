package io.tatekae.metrics;

import io.tatekae.testsupport.AuthorizationLoad;
import io.tatekae.testsupport.ExternalBinary;
import io.tatekae.testsupport.HttpGet;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's package) loads the live page from an in-process switch under load:
 * the page fetches /live.json, fills the figures and draws its charts, and they move between two
 * loads a few seconds apart. It also takes the screenshot of docs/live-page.png (written to
 * switch/target/live-page.png; the system property tatekae.screenshot names another path).
 */
class LivePageBrowserTest {
    private static final Pattern POLYLINE = Pattern.compile("<polyline points=\"([^\"]*)\"[^>]*data-series=\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void livePageDrawsFiguresThatMoveAndTakesAScreenshot() throws Exception {
        Path chromium = ExternalBinary.require("/usr/bin/chromium", "chromium");
        try (TestSwitch sw = TestSwitch.builder(dir.resolve("switch")).httpEnabled()
                .yaml("policy:\n  velocityMaxApprovals: 32\n").start();
             AuthorizationLoad load = AuthorizationLoad.start(sw, 3, 150)) {
            String url = "http://127.0.0.1:" + sw.httpPort() + "/live";
            awaitSecondsOfHistory(sw, 3);

            String first = dumpDom(chromium, url, "first");
            Thread.sleep(3_000);
            String second = dumpDom(chromium, url, "second");

            for (String dom : List.of(first, second)) {
                assertTrue(dom.contains("class=\"state live\""), "the page got /live.json:\n" + dom);
                assertTrue(Integer.parseInt(attribute(dom, "data-updates")) >= 1);
                assertTrue(text(dom, "rate").matches("[0-9.]+k?"), "rate drawn as a number: " + text(dom, "rate"));
                assertTrue(text(dom, "p99").matches("[0-9.]+ (µs|ms|s)"), "p99 drawn with a unit: " + text(dom, "p99"));
                assertTrue(text(dom, "connections").matches("[0-9]+"), "connections: " + text(dom, "connections"));
                assertTrue(points(dom, "rate") >= 2, "the rate chart has a line");
                assertTrue(points(dom, "p99") >= 2, "the latency chart has a p99 line");
                assertTrue(points(dom, "ringFree") >= 2, "the ring chart has a line");
                assertTrue(dom.contains("expired card (1001)"), "declines by reason listed");
            }
            assertTrue(Integer.parseInt(text(second, "window")) > Integer.parseInt(text(first, "window")),
                    "the second load shows more seconds of history");
            assertNotEquals(polyline(first, "rate"), polyline(second, "rate"), "the rate line moved");

            // For the picture in docs/, a longer run first fills more of the five-minute charts.
            Thread.sleep(TimeUnit.SECONDS.toMillis(Long.getLong("tatekae.screenshot.warmupSeconds", 0)));
            Path shot = Path.of(System.getProperty("tatekae.screenshot", "target/live-page.png")).toAbsolutePath();
            screenshot(chromium, url, shot);
            byte[] png = Files.readAllBytes(shot);
            assertEquals((byte) 0x89, png[0]);
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
            assertTrue(png.length > 20_000, "a screenshot with content, not a blank page: " + png.length + " bytes");
            load.checkHealthy();
        }
    }

    private static void awaitSecondsOfHistory(TestSwitch sw, int seconds) throws InterruptedException {
        String url = "http://127.0.0.1:" + sw.httpPort() + "/live.json";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!HttpGet.body(url).matches("(?s)\\{\"seconds\":([" + seconds + "-9]|[1-9][0-9]+),.*")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the switch never kept " + seconds + " seconds of history: " + HttpGet.body(url));
            }
            Thread.sleep(250);
        }
    }

    private String dumpDom(Path chromium, String url, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".html");
        run(chromium, name, out, "--dump-dom", "--virtual-time-budget=4000", url);
        return Files.readString(out);
    }

    private void screenshot(Path chromium, String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(chromium, "screenshot", dir.resolve("screenshot.out"), "--screenshot=" + png, "--window-size=1280,800",
                "--hide-scrollbars", "--virtual-time-budget=4000", url);
        assertTrue(Files.exists(png), "Chromium wrote no screenshot: " + Files.readString(dir.resolve("screenshot.err")));
    }

    private void run(Path chromium, String name, Path stdout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile-" + name)));
        command.addAll(List.of(args));
        Path stderr = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Chromium did not finish in 90 s: " + Files.readString(stderr));
        }
        assertEquals(0, p.exitValue(), () -> "Chromium failed: " + read(stderr));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(m.find(), "no element #" + id);
        return m.group(1).trim();
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "no attribute " + name);
        return m.group(1);
    }

    private static String polyline(String dom, String series) {
        Matcher m = POLYLINE.matcher(dom);
        while (m.find()) {
            if (m.group(2).equals(series)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no polyline for " + series);
    }

    private static int points(String dom, String series) {
        String p = polyline(dom, series).trim();
        return p.isEmpty() ? 0 : p.split(" ").length;
    }
}
