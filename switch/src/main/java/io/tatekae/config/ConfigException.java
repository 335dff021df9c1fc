package io.tatekae.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} lists every reason, each naming its source and key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid configuration: " + problems.getFirst();
        }
        StringBuilder text = new StringBuilder("invalid configuration (" + problems.size() + " problems):");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}
