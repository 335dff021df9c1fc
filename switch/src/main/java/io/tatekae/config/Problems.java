package io.tatekae.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem so that all of them are reported at once. */
final class Problems {
    private static final int MAX_PROBLEMS = 100;

    private final String file;
    private final List<String> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** A problem at a key of the file; {@code line} is 1-based, or 0 when unknown. */
    void atKey(String keyPath, String message, int line) {
        add(file + ": " + keyPath + ": " + message + (line > 0 ? " (line " + line + ")" : ""));
    }

    /** A problem in a value that did not come from the file (a command-line option, an environment variable). */
    void atSource(String source, String message) {
        add(source + ": " + message);
    }

    void inFile(String message) {
        add(file + ": " + message);
    }

    private void add(String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add(file + ": more problems not shown");
        }
    }

    boolean any() {
        return !problems.isEmpty();
    }

    void throwIfAny() {
        if (any()) {
            throw new ConfigException(problems);
        }
    }
}
