package io.tatekae.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Facts about the machine a measurement ran on, and how busy it is (Linux /proc; "unknown" elsewhere). */
final class Machine {
    /** A 1-minute load average above this is not a quiet machine. */
    static final double QUIET_LOAD = 0.5;

    private Machine() {
    }

    /** Cores, CPU model, memory, kernel, JDK and the date, one line each. */
    static List<String> facts() {
        Runtime rt = Runtime.getRuntime();
        return List.of(
                "date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "cores: " + rt.availableProcessors() + " (" + cpuModel() + ")",
                "memory: " + memory(),
                "kernel: " + System.getProperty("os.name") + " " + firstLine("/proc/sys/kernel/osrelease", System.getProperty("os.version")),
                "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")");
    }

    /** The 1-minute load average, or NaN when unknown. */
    static double loadAverage() {
        String line = firstLine("/proc/loadavg", "");
        try {
            return Double.parseDouble(line.split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The share of all cores busy over the next {@code millis} ms (0..1), or NaN when unknown. */
    static double cpuBusy(long millis) throws InterruptedException {
        long[] a = cpuTimes();
        Thread.sleep(millis);
        long[] b = cpuTimes();
        if (a == null || b == null || b[0] == a[0]) {
            return Double.NaN;
        }
        return 1.0 - (double) (b[1] - a[1]) / (b[0] - a[0]);
    }

    /** Total and idle (+ iowait) jiffies of all CPUs from /proc/stat, or null. */
    private static long[] cpuTimes() {
        String line = firstLine("/proc/stat", "");
        if (!line.startsWith("cpu ")) {
            return null;
        }
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0)};
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch") + ", model unknown";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "unknown";
    }

    private static String firstLine(String file, String dflt) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            return lines.isEmpty() ? dflt : lines.getFirst().trim();
        } catch (IOException e) {
            return dflt;
        }
    }
}
