package io.tatekae.bench.replay;

import java.nio.file.Path;

/**
 * The replayer's command line: {@code RECORDING [--host H] [--port N] [--speed X | --as-fast-as-possible]
 * [--timeout-ms N]}.
 *
 * @param speed 2.0 replays twice as fast as recorded; 0 means as fast as possible
 */
record ReplayOptions(Path recording, String host, int port, double speed, int timeoutMillis) {
    static final String USAGE = "usage: scripts/replay RECORDING [--host H] [--port N] [--speed X | --as-fast-as-possible]"
            + " [--timeout-ms N]";

    static ReplayOptions parse(String... args) {
        Path recording = null;
        String host = "127.0.0.1";
        int port = 8583;
        double speed = 1.0;
        int timeout = 5_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = number(value(args, ++i, a), a, 1, 65_535);
                case "--speed" -> {
                    String v = value(args, ++i, a);
                    try {
                        speed = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--speed: expected a number such as 2 or 0.5, got " + v);
                    }
                    if (!(speed > 0 && speed <= 1_000_000)) {
                        throw new IllegalArgumentException("--speed must be above 0 (and at most 1000000), not " + v);
                    }
                }
                case "--as-fast-as-possible" -> speed = 0;
                case "--timeout-ms" -> timeout = number(value(args, ++i, a), a, 1, 600_000);
                default -> {
                    if (a.startsWith("-") || recording != null) {
                        throw new IllegalArgumentException("unexpected argument " + a + "\n" + USAGE);
                    }
                    recording = Path.of(a);
                }
            }
        }
        if (recording == null) {
            throw new IllegalArgumentException("no recording given\n" + USAGE);
        }
        return new ReplayOptions(recording, host, port, speed, timeout);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number " + min + ".." + max + ", not " + text);
    }
}
