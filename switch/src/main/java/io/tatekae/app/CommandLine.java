package io.tatekae.app;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.DidYouMean;
import io.tatekae.config.Mode;
import io.tatekae.config.Overrides;

/**
 * Parses the switch's command line: {@code --config --data-dir --port --http-port --provision --help
 * --version}, as {@code --name value} or {@code --name=value}.
 */
public final class CommandLine {
    /** Loaded at start in demo mode when no --provision is given. */
    public static final Path DEMO_CARDS = Path.of("config", "demo-cards.jsonl");

    private static final int MAX_PORT = 65_535;
    private static final List<String> OPTIONS =
            List.of("--config", "--data-dir", "--port", "--http-port", "--provision", "--help", "--version");

    private CommandLine() {
    }

    /** What the command line asked for. {@code config} is the default file when none was given. */
    public record Options(
            Path config,
            Optional<Path> dataDir,
            OptionalInt port,
            OptionalInt httpPort,
            Optional<Path> provision,
            boolean help,
            boolean version) {

        /**
         * The provisioning file to load at start: the one given, or in demo mode the demo cards
         * ({@link #DEMO_CARDS}) when that file exists.
         */
        public Optional<Path> provisionFor(Mode mode) {
            return provisionFor(mode, DEMO_CARDS);
        }

        Optional<Path> provisionFor(Mode mode, Path demoCards) {
            if (provision.isPresent() || mode != Mode.DEMO || !Files.isRegularFile(demoCards)) {
                return provision;
            }
            return Optional.of(demoCards);
        }

        /** The configuration values the command line overrides. */
        public Overrides overrides() {
            return new Overrides(dataDir, port, httpPort);
        }
    }

    /** The command line is not valid; the message says what is wrong (print it with {@link #usage()}). */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static Options parse(String[] args) {
        Path config = null;
        Path dataDir = null;
        Integer port = null;
        Integer httpPort = null;
        Path provision = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--config", "--data-dir", "--port", "--http-port", "--provision" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--config" -> config = once(config, path(name, value), name);
                        case "--data-dir" -> dataDir = once(dataDir, path(name, value), name);
                        case "--port" -> port = once(port, port(name, value), name);
                        case "--http-port" -> httpPort = once(httpPort, port(name, value), name);
                        default -> provision = once(provision, path(name, value), name);
                    }
                }
                default -> throw new UsageException(unknown(arg));
            }
        }
        return new Options(config == null ? ConfigLoader.DEFAULT_FILE : config, Optional.ofNullable(dataDir),
                port == null ? OptionalInt.empty() : OptionalInt.of(port),
                httpPort == null ? OptionalInt.empty() : OptionalInt.of(httpPort),
                Optional.ofNullable(provision), help, version);
    }

    private static <T> T once(T previous, T value, String name) {
        if (previous != null) {
            throw new UsageException(name + " is given more than once");
        }
        return value;
    }

    private static Path path(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " needs a file or folder name, got an empty one");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException invalid) {
            throw new UsageException(name + ": not a valid file name (" + invalid.getReason() + ")");
        }
    }

    private static int port(String name, String value) {
        if (!value.matches("[0-9]{1,5}")) {
            throw new UsageException(name + " needs a port number 0.." + MAX_PORT + ", got \"" + printable(value) + "\"");
        }
        int port = Integer.parseInt(value);
        if (port > MAX_PORT) {
            throw new UsageException(name + ": " + port + " is out of range (allowed 0.." + MAX_PORT + ")");
        }
        return port;
    }

    private static String unknown(String arg) {
        if (!arg.startsWith("-")) {
            return "unexpected argument \"" + printable(arg) + "\" (options start with --)";
        }
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String closest = DidYouMean.closest(name, OPTIONS);
        return "unknown option " + printable(name) + (closest == null ? "" : " (did you mean " + closest + "?)");
    }

    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

    public static String usage() {
        return """
                Usage: tatekae [options]        (from a checkout: scripts/run [options])

                Starts the tatekae card authorization switch (ISO 8583 over TCP).

                  --config FILE      configuration file (default: config/switch.yaml)
                  --data-dir DIR     data folder: state/, journal/, ledger/ (overrides data.dir)
                  --port N           ISO 8583 TCP port, 0..65535 (overrides server.port; 0 = any free port)
                  --http-port N      HTTP metrics/admin port, 0..65535 (overrides http.port; 0 disables)
                  --provision FILE   load cards and accounts from a JSON Lines file at start
                  --version          print the version and exit
                  --help             print this text and exit

                Secrets come from the environment when set: TATEKAE_PAN_HASH_KEY, TATEKAE_CVK_A,
                TATEKAE_CVK_B, TATEKAE_LEDGER_PASSWORD.
                """;
    }
}
