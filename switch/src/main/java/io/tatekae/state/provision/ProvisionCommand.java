package io.tatekae.state.provision;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.PanHasher;
import io.tatekae.state.StateStore;

/**
 * Offline provisioning: loads a §8 JSON Lines file into the state store of a stopped switch.
 * <pre>
 * ProvisionCommand --data-dir DIR --file FILE [--pan-hash-key-hex HEX] [--max-cards N] [--max-accounts N]
 * </pre>
 * The PAN hash key comes from {@code --pan-hash-key-hex} or the environment variable
 * {@value #KEY_ENV} (hex, at least 32 bytes). Exit status: 0 every line used, 1 some lines
 * rejected, 2 the command could not run.
 */
public final class ProvisionCommand {
    public static final String KEY_ENV = "TATEKAE_PAN_HASH_KEY";
    public static final long DEFAULT_MAX_CARDS = 100_000;
    public static final int DEFAULT_MAX_ACCOUNTS = 100_000;
    private static final String USAGE = "usage: ProvisionCommand --data-dir DIR --file FILE"
            + " [--pan-hash-key-hex HEX] [--max-cards N] [--max-accounts N]"
            + " (key otherwise from env " + KEY_ENV + ")";

    private ProvisionCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isRegularFile(options.file)) {
            err.println("provisioning file not found: " + options.file);
            return 2;
        }
        try (StateStore store = new ChronicleStateStore(options.dataDir, options.maxCards, options.maxAccounts)) {
            ProvisioningReport report = ProvisioningLoader.load(options.file, store, new PanHasher(options.key));
            out.print(report.describe());
            out.println("store now holds " + store.accountCount() + " accounts and " + store.cardCount() + " cards");
            return report.allLinesUsed() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("provisioning failed: " + e.getMessage());
            return 2;
        }
    }

    private record Options(Path dataDir, Path file, byte[] key, long maxCards, int maxAccounts) {
        static Options parse(String[] args, Map<String, String> env) {
            Path dataDir = null;
            Path file = null;
            String keyHex = env.get(KEY_ENV);
            long maxCards = DEFAULT_MAX_CARDS;
            int maxAccounts = DEFAULT_MAX_ACCOUNTS;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--file" -> file = Path.of(value);
                    case "--pan-hash-key-hex" -> keyHex = value;
                    case "--max-cards" -> maxCards = positive("--max-cards", value);
                    case "--max-accounts" -> maxAccounts = Math.toIntExact(positive("--max-accounts", value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (dataDir == null || file == null) {
                throw new IllegalArgumentException("--data-dir and --file are required");
            }
            return new Options(dataDir, file, key(keyHex), maxCards, maxAccounts);
        }

        private static byte[] key(String hex) {
            if (hex == null || hex.isBlank()) {
                throw new IllegalArgumentException("no PAN hash key: set " + KEY_ENV + " or pass --pan-hash-key-hex");
            }
            byte[] key;
            try {
                key = HexFormat.of().parseHex(hex.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PAN hash key is not valid hex (even number of 0-9a-f characters)");
            }
            if (key.length < PanHasher.MIN_KEY_BYTES) {
                throw new IllegalArgumentException("PAN hash key must be at least " + PanHasher.MIN_KEY_BYTES
                        + " bytes (" + 2 * PanHasher.MIN_KEY_BYTES + " hex characters), got " + key.length);
            }
            return key;
        }

        private static long positive(String option, String value) {
            try {
                long n = Long.parseLong(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive whole number");
        }
    }
}
