package io.tatekae.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command line of {@code --name value} and {@code --flag} options, read with messages that name the option. */
final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code args}: every option must be in {@code known}; those in {@code flags} take no value. */
    static Args parse(List<String> args, Set<String> known, Set<String> flags) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + a + "\"");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + replaced(name));
            }
            if (flags.contains(name)) {
                o.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            o.put(name, value);
        }
        return new Args(o);
    }

    private static String replaced(String name) {
        return switch (name) {
            case "baseline-echo", "baseline-jpos", "baseline-config" ->
                    " (the baselines now run in their own processes: scripts/load compare)";
            case "first-card" -> " (now --approvals-used N, as printed by the previous run)";
            case "capacity" -> " (the capacity search now follows the fixed rates by default; --no-search turns it off)";
            case "warmup" -> " (now --jit-warmup SECONDS, once per server)";
            default -> "";
        };
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    Path path(String name, String dflt) {
        String v = values.get(name);
        return v == null ? (dflt == null ? null : Path.of(dflt)) : Path.of(v);
    }

    Path requiredPath(String name, String what) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("--" + name + " FILE is required (" + what + ")");
        }
        return Path.of(values.get(name));
    }

    double number(String name, double dflt, double min, double max) {
        String v = values.get(name);
        return v == null ? dflt : number(name, v, min, max);
    }

    /** A comma-separated list of numbers, each in [min, max]. */
    List<Double> numbers(String name, String dflt, double min, double max) {
        List<Double> out = new ArrayList<>();
        for (String part : values.getOrDefault(name, dflt).split(",")) {
            if (!part.isBlank()) {
                out.add(number(name, part.trim().replace("_", ""), min, max));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " needs at least one number");
        }
        return out;
    }

    private static double number(String name, String v, double min, double max) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not \"" + v + "\"");
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("--" + name + " must be " + plain(min) + ".." + plain(max) + ", not " + v);
        }
        return d;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.format("%.0f", d) : Double.toString(d);
    }
}
