package io.tatekae.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Mode;
import io.tatekae.config.SwitchConfig;

class CommandLineTest {
    private static String error(String... args) {
        return assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Test
    void noArgumentsMeansTheDefaultConfigAndNoOverrides() {
        CommandLine.Options options = CommandLine.parse(new String[0]);
        assertEquals(Path.of("config/switch.yaml"), options.config());
        assertEquals(Optional.empty(), options.dataDir());
        assertEquals(OptionalInt.empty(), options.port());
        assertEquals(OptionalInt.empty(), options.httpPort());
        assertEquals(Optional.empty(), options.provision());
        assertFalse(options.help());
        assertFalse(options.version());
    }

    @Test
    void everyOptionInBothSpellings() {
        CommandLine.Options options = CommandLine.parse(new String[] {"--config", "my.yaml", "--data-dir=/tmp/d",
            "--port", "9583", "--http-port=0", "--provision", "cards.jsonl", "--help", "--version"});
        assertEquals(Path.of("my.yaml"), options.config());
        assertEquals(Optional.of(Path.of("/tmp/d")), options.dataDir());
        assertEquals(OptionalInt.of(9583), options.port());
        assertEquals(OptionalInt.of(0), options.httpPort());
        assertEquals(Optional.of(Path.of("cards.jsonl")), options.provision());
        assertTrue(options.help());
        assertTrue(options.version());
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertEquals("--port needs a value", error("--port"));
        assertEquals("--config needs a value", error("--config", "--port", "1"));
        assertEquals("--port needs a port number 0..65535, got \"eighty\"", error("--port", "eighty"));
        assertEquals("--port needs a port number 0..65535, got \"-1\"", error("--port=-1"));
        assertEquals("--http-port: 65536 is out of range (allowed 0..65535)", error("--http-port", "65536"));
        assertEquals("unknown option --prot (did you mean --port?)", error("--prot", "1"));
        assertEquals("unknown option --verbose", error("--verbose"));
        assertEquals("unexpected argument \"switch.yaml\" (options start with --)", error("switch.yaml"));
        assertEquals("--port is given more than once", error("--port", "1", "--port", "2"));
        assertEquals("--data-dir needs a file or folder name, got an empty one", error("--data-dir="));
    }

    @Test
    void provisionDefaultsToTheDemoCardsOnlyInDemoModeAndOnlyWhenThatFileExists(@TempDir Path dir) throws IOException {
        Path demoCards = dir.resolve("demo-cards.jsonl");
        CommandLine.Options none = CommandLine.parse(new String[0]);
        assertEquals(Optional.empty(), none.provisionFor(Mode.DEMO, demoCards));
        Files.writeString(demoCards, "");
        assertEquals(Optional.of(demoCards), none.provisionFor(Mode.DEMO, demoCards));
        assertEquals(Optional.empty(), none.provisionFor(Mode.TEST, demoCards));
        assertEquals(Optional.empty(), none.provisionFor(Mode.PRODUCTION, demoCards));
        CommandLine.Options given = CommandLine.parse(new String[] {"--provision", "cards.jsonl"});
        assertEquals(Optional.of(Path.of("cards.jsonl")), given.provisionFor(Mode.PRODUCTION, demoCards));
        assertEquals(Optional.of(Path.of("cards.jsonl")), given.provisionFor(Mode.DEMO, demoCards));
    }

    @Test
    void usageListsEveryOption() {
        for (String option : new String[] {"--config", "--data-dir", "--port", "--http-port", "--provision", "--help", "--version"}) {
            assertTrue(CommandLine.usage().contains(option), option);
        }
    }

    @Test
    void overridesApplyOnTopOfTheConfigFile() {
        CommandLine.Options options = CommandLine.parse(new String[] {"--port", "18583", "--http-port", "0", "--data-dir", "/tmp/tatekae-x"});
        Path shipped = Path.of(System.getProperty("tatekae.repo.dir", ".."), "config", "switch.yaml");
        SwitchConfig config = ConfigLoader.load(shipped, options.overrides(), Map.of());
        assertEquals(18583, config.server().port());
        assertEquals(0, config.http().port());
        assertEquals(Path.of("/tmp/tatekae-x"), config.data().dir());
    }
}
