package io.tatekae.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine stays pure, read from its sources: it imports neither the configuration nor the
 * pipeline (the app adapts them), no wire, journal, ledger or network code, no jPOS or Netty, does
 * no file or socket I/O, takes no locks and never reads the system clock (time comes from an
 * injected clock).
 */
class EngineBoundaryTest {
    private static final Path ENGINE_SOURCES = Path.of("src/main/java/io/tatekae/engine");
    private static final List<String> FORBIDDEN_IMPORTS = List.of("io.tatekae.config.", "io.tatekae.pipeline.",
            "io.tatekae.app.", "io.tatekae.iso.", "io.tatekae.net.", "io.tatekae.journal.", "io.tatekae.ledger.",
            "io.tatekae.billing.", "org.jpos.", "io.netty.", "java.io.", "java.nio.file.", "java.nio.channels.", "java.net.",
            "java.sql.", "java.util.concurrent.locks.");
    private static final Pattern FORBIDDEN_CODE = Pattern.compile(
            "\\bsynchronized\\b|System\\.currentTimeMillis|System\\.nanoTime|\\.now\\(|System\\.(out|err)\\b|new Thread\\b");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theEngineImportsNoConfigPipelineWireOrIoAndReadsNoClockOfItsOwn() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ENGINE_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 20, "the engine's sources were not found under " + ENGINE_SOURCES.toAbsolutePath());
        List<String> problems = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                String imported = imports.group(2);
                if (FORBIDDEN_IMPORTS.stream().anyMatch(imported::startsWith)) {
                    problems.add(source.getFileName() + " imports " + imported);
                }
            }
            Matcher code = FORBIDDEN_CODE.matcher(withoutComments(text));
            while (code.find()) {
                problems.add(source.getFileName() + " uses " + code.group());
            }
        }
        assertEquals(List.of(), problems);
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
