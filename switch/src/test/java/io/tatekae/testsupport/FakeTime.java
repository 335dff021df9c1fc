package io.tatekae.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * A moved clock for a switch in its own process: libfaketime (Debian package {@code faketime})
 * preloaded into the JVM, reading its offset from a file the test rewrites, so the process's wall
 * clock jumps where the test says while its monotonic clock (timers, timeouts) runs untouched.
 * A change is seen by the process within {@link #CACHE_SECONDS}. The single-threaded build of the
 * library: its MT build costs the JVM ~10 µs per clock read (a start took minutes), this one ~1 µs.
 */
public final class FakeTime {
    public static final String LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
    public static final int CACHE_SECONDS = 1;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Path file;

    private FakeTime(Path file) {
        this.file = file;
    }

    /** A clock file in {@code dir}, set to {@code japanTime}; fails under CI, skips elsewhere, without libfaketime. */
    public static FakeTime at(Path dir, String japanTime) {
        ExternalBinary.requireFile(LIBRARY, "faketime");
        FakeTime t = new FakeTime(dir.resolve("faketime.rc"));
        t.moveTo(japanTime);
        return t;
    }

    /** From now on (within a second) the process's clock reads {@code japanTime} ("2026-12-10T23:59:50"), then runs on. */
    public void moveTo(String japanTime) {
        long target = LocalDateTime.parse(japanTime).atZone(JAPAN).toInstant().toEpochMilli();
        long offsetSeconds = Math.round((target - System.currentTimeMillis()) / 1000.0);
        try {
            Files.writeString(file, (offsetSeconds >= 0 ? "+" : "") + offsetSeconds + "s\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the moved clock reads now. */
    public Instant now() {
        try {
            String text = Files.readString(file).strip();
            return Instant.ofEpochMilli(System.currentTimeMillis() + 1000 * Long.parseLong(text.substring(0, text.length() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that makes a child process use this clock. */
    public Map<String, String> environment() {
        return Map.of("LD_PRELOAD", LIBRARY,
                "FAKETIME_TIMESTAMP_FILE", file.toString(),
                "FAKETIME_CACHE_DURATION", Integer.toString(CACHE_SECONDS),
                "FAKETIME_DONT_FAKE_MONOTONIC", "1");
    }

    /** Sleeps long enough for a child process to see the last move. */
    public static void awaitSeen() {
        try {
            Thread.sleep(CACHE_SECONDS * 1000L + 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
