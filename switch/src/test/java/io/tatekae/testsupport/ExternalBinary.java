package io.tatekae.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A program from a Debian package that a test drives (Prometheus, Chromium). scripts/test installs
 * them through scripts/lib/ensure-packages.sh; when one is missing the test fails under CI=true and
 * is skipped elsewhere, saying how to install it.
 */
public final class ExternalBinary {
    private ExternalBinary() {
    }

    /** The binary's path; fails (CI) or aborts the test (elsewhere) when it is not installed. */
    public static Path require(String path, String debianPackage) {
        return require(path, debianPackage, Files::isExecutable);
    }

    /** As {@link #require(String, String)} for a file that needs only to exist (a library to preload). */
    public static Path requireFile(String path, String debianPackage) {
        return require(path, debianPackage, Files::isRegularFile);
    }

    private static Path require(String path, String debianPackage, Predicate<Path> present) {
        Path binary = Path.of(path);
        if (present.test(binary)) {
            return binary;
        }
        String message = path + " is not installed (Debian package '" + debianPackage
                + "'): run scripts/lib/ensure-packages.sh, or apt-get update && apt-get install -y " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return binary;
    }
}
