package io.tatekae.app;

import io.tatekae.state.CardState;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.config.KeysConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionToolTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void loadsIntoAStoppedSwitchsStateWithCanonicalNamesAndReportsRejectedLinesMasked() throws IOException {
        Path config = config();
        Path file = dir.resolve("cards.jsonl");
        Files.writeString(file, """
                {"type":"account","id":"A1","creditLimit":50000,"plan":"STANDARD","status":"GOOD","kycVerified":true}
                {"type":"card","pan":"3540991000000027","expiry":"3012","name":"TARO YAMADA","account":"A1","limit":30000,"status":"ACTIVE"}
                {"type":"card","pan":"3540991000000028","expiry":"3012","name":"HANAKO YAMADA","account":"A1","limit":30000,"status":"ACTIVE"}
                """);
        int status = ProvisionTool.run(new String[] {file.toString(), "--config", config.toString()}, Map.of(), print(out), print(err));
        assertEquals(1, status, err::toString);
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("line 3"), report);
        assertTrue(report.contains("354099******0028"), report);
        assertFalse(report.contains("3540991000000028"), "a full PAN in the report: " + report);
        try (ChronicleStateStore store = new ChronicleStateStore(dir.resolve("data"), 100, 100)) {
            PanHasher hasher = new PanHasher(HexFormat.of().parseHex(KeysConfig.DEMO_PAN_HASH_KEY_HEX));
            CardState card = new CardState();
            assertTrue(store.readCard(hasher.hash("3540991000000027", new PanKey()), card));
            assertTrue(card.nameCanonical().length() > 0, "the canonical name for matching was filled");
        }
    }

    @Test
    void refusesAMissingFileAndBadArguments() throws IOException {
        assertEquals(2, ProvisionTool.run(new String[] {dir.resolve("none.jsonl").toString(), "--config", config().toString()},
                Map.of(), print(out), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"), err::toString);
        assertEquals(2, ProvisionTool.run(new String[] {"--bogus"}, Map.of(), print(out), print(err)));
    }

    private Path config() throws IOException {
        int unusedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        Path config = dir.resolve("switch.yaml");
        Files.writeString(config, "mode: test\nhttp:\n  port: " + unusedPort + "\ndata:\n  dir: " + dir.resolve("data")
                + "\nstate:\n  maxCards: 100\n  maxAccounts: 100\n");
        return config;
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
