package io.tatekae.app;

import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Prints the CAV2 of test cards, for demo documentation: the one place a CAV2 is printed on
 * purpose, to a terminal. Keys come from TATEKAE_CVK_A / TATEKAE_CVK_B; anything but the
 * published test keys is refused unless {@code --allow-production-keys} is given. PANs are
 * printed masked (first 6, last 4).
 *
 * <pre>Cav2Tool [--allow-production-keys] [--service-code NNN] PAN YYMM [PAN YYMM ...]</pre>
 */
public final class Cav2Tool {
    static final String ENV_CVK_A = "TATEKAE_CVK_A";
    static final String ENV_CVK_B = "TATEKAE_CVK_B";
    static final int USAGE_ERROR = 2;
    private static final String USAGE =
        "usage: Cav2Tool [--allow-production-keys] [--service-code NNN] PAN YYMM [PAN YYMM ...]\n"
        + "  keys from environment " + ENV_CVK_A + " and " + ENV_CVK_B + " (16 hex digits each)";

    private Cav2Tool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Returns the process exit code: 0 done, 2 usage or key error. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean allowProductionKeys = false;
        int serviceCode = Cav2Calculator.CAV2_SERVICE_CODE;
        int next = 0;
        while (next < args.length && args[next].startsWith("--")) {
            switch (args[next]) {
                case "--allow-production-keys" -> allowProductionKeys = true;
                case "--service-code" -> {
                    if (next + 1 >= args.length || !args[next + 1].matches("[0-9]{3}")) {
                        return usage(err, "--service-code needs three digits");
                    }
                    serviceCode = Integer.parseInt(args[++next]);
                }
                default -> {
                    return usage(err, "unknown option " + args[next]);
                }
            }
            next++;
        }
        if (next == args.length || (args.length - next) % 2 != 0) {
            return usage(err, "give one or more PAN YYMM pairs");
        }
        final CardVerificationKeys keys;
        try {
            keys = CardVerificationKeys.fromHex(env.get(ENV_CVK_A), env.get(ENV_CVK_B));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage() + " (environment " + ENV_CVK_A + "/" + ENV_CVK_B + ")");
        }
        if (!keys.isPublishedTestKey() && !allowProductionKeys) {
            err.println("refusing to print CAV2 under keys that are not the published test keys;"
                + " pass --allow-production-keys if you really mean it");
            return USAGE_ERROR;
        }
        return printAll(args, next, serviceCode, new Cav2Calculator(keys), out, err);
    }

    private static int printAll(String[] args, int first, int serviceCode, Cav2Calculator calculator,
                                PrintStream out, PrintStream err) {
        for (int i = first; i < args.length; i += 2) {
            final byte[] pan = args[i].getBytes(StandardCharsets.US_ASCII);
            final String expiry = args[i + 1];
            if (!expiry.matches("[0-9]{4}")) {
                return usage(err, "expiry of pair " + ((i - first) / 2 + 1) + " is not four digits YYMM");
            }
            final int cav2;
            try {
                cav2 = calculator.compute(pan, 0, pan.length, Integer.parseInt(expiry), serviceCode);
            } catch (IllegalArgumentException e) {
                return usage(err, "pair " + ((i - first) / 2 + 1) + ": " + e.getMessage());
            }
            out.printf("%s %s %03d%n", masked(args[i]), expiry, cav2);
        }
        return 0;
    }

    private static String masked(String pan) {
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return USAGE_ERROR;
    }
}
