package io.tatekae.state.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.StateStore;

class ProvisionCommandTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void loadsAFileIntoTheStoreUsingTheKeyFromTheEnvironment() throws IOException {
        Path file = write("""
                {"type":"account","id":"A1","creditLimit":50000,"plan":"STANDARD","status":"GOOD","kycVerified":true}
                {"type":"card","pan":"3540990000001001","expiry":"3012","name":"TARO YAMADA","account":"A1","limit":50000,"status":"ACTIVE"}
                """);
        int status = run(Map.of(ProvisionCommand.KEY_ENV, KEY_HEX), "--data-dir", dir.toString(), "--file", file.toString());
        assertEquals(0, status, err::toString);
        assertTrue(out.toString().contains("cards added: 1, updated: 0"), out::toString);
        try (StateStore store = new ChronicleStateStore(dir, ProvisionCommand.DEFAULT_MAX_CARDS,
                ProvisionCommand.DEFAULT_MAX_ACCOUNTS)) {
            assertEquals(1, store.cardCount());
            assertEquals(0, store.accountIndex("A1"));
        }
    }

    @Test
    void rejectedLinesGiveStatusOneAndAreListedMasked() throws IOException {
        Path file = write("""
                {"type":"card","pan":"3540990000001008","expiry":"3012","name":"TARO YAMADA","account":"A1","limit":50000,"status":"ACTIVE"}
                """);
        int status = run(Map.of(), "--data-dir", dir.toString(), "--file", file.toString(), "--pan-hash-key-hex", KEY_HEX);
        assertEquals(1, status, err::toString);
        assertTrue(out.toString().contains("line 1: pan 354099******1008 fails the Luhn check"), out::toString);
        assertFalse(out.toString().contains("3540990000001008"));
    }

    @Test
    void refusesToRunWithoutAUsableKey() throws IOException {
        Path file = write("");
        assertEquals(2, run(Map.of(), "--data-dir", dir.toString(), "--file", file.toString()));
        assertTrue(err.toString().contains("no PAN hash key"), err::toString);
        err.reset();
        assertEquals(2, run(Map.of(ProvisionCommand.KEY_ENV, "00ff"), "--data-dir", dir.toString(), "--file", file.toString()));
        assertTrue(err.toString().contains("at least 32 bytes"), err::toString);
        err.reset();
        assertEquals(2, run(Map.of(ProvisionCommand.KEY_ENV, "zz"), "--data-dir", dir.toString(), "--file", file.toString()));
        assertTrue(err.toString().contains("not valid hex"), err::toString);
    }

    @Test
    void reportsAMissingFileAndUnknownOptions() {
        assertEquals(2, run(Map.of(ProvisionCommand.KEY_ENV, KEY_HEX), "--data-dir", dir.toString(), "--file",
                dir.resolve("nope.jsonl").toString()));
        assertTrue(err.toString().contains("provisioning file not found"), err::toString);
        assertEquals(2, run(Map.of(ProvisionCommand.KEY_ENV, KEY_HEX), "--data-dir", dir.toString(), "--fil", "x"));
        assertTrue(err.toString().contains("unknown option --fil"), err::toString);
    }

    private int run(Map<String, String> env, String... args) {
        return ProvisionCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("cards.jsonl");
        Files.writeString(file, text);
        return file;
    }
}
