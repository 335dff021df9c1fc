package io.tatekae.recorder;

import io.tatekae.config.ConfigException;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The traffic recorder on a real switch over real TCP, read back from the real file. */
class RecorderTest {
    private static final List<TestCards> CARDS = List.of(TestCards.TARO, TestCards.HANAKO, TestCards.FROZEN, TestCards.EXPIRED);

    @TempDir
    Path dir;

    @Test
    void recordsEveryMessageInAndOutWithTheCav2Zeroed() throws Exception {
        Path file = dir.resolve("rec/recording.bin");
        List<String> sentCav2 = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        long before = System.currentTimeMillis() * 1000;
        try (TestSwitch sw = TestSwitch.builder(dir.resolve("data"))
                .yaml("recorder:\n  enabled: true\n  file: " + file).start();
             IsoTestClient client = sw.connectSignedOn()) {
            for (TestCards card : CARDS) {
                sentCav2.add(Messages.cav2(card.pan, card.expiry));
                answers.add(client.request(card.purchase(1_000, client.nextStan())).getString(39));
            }
        }
        long after = System.currentTimeMillis() * 1000;
        assertEquals(List.of("00", "00"), answers.subList(0, 2), "approvals");
        assertFalse(answers.subList(2, 4).contains("00"), "declines: " + answers);

        List<RecordedMessage> entries = RecordingReader.read(file);
        // The sign-on and four purchases, each with its response, in the order they crossed the wire.
        assertEquals(10, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RecordedMessage e = entries.get(i);
            assertEquals(i % 2 == 0, e.inbound(), "entry " + i + " direction");
            assertEquals(entries.get(0).connectionId(), e.connectionId());
            assertTrue(e.epochMicros() >= before && e.epochMicros() <= after, "entry " + i + " time");
        }
        for (int i = 0; i < CARDS.size(); i++) {
            ISOMsg request = IsoTestClient.unpack(entries.get(2 + 2 * i).message());
            ISOMsg response = IsoTestClient.unpack(entries.get(3 + 2 * i).message());
            assertEquals(CARDS.get(i).pan, request.getString(2));
            assertTrue(request.getString(48).startsWith(Messages.tlv("01", CARDS.get(i).name)), "rest of DE 48 kept");
            assertTrue(request.getString(48).endsWith("9203000"), "tag 92 zeroed: " + request.getString(48).length());
            assertEquals(request.getString(11), response.getString(11));
            assertEquals(answers.get(i), response.getString(39));
        }
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String cav2 : sentCav2) {
            assertFalse(cav2.equals("000"), "a test card whose CAV2 is 000 proves nothing");
            assertFalse(bytes.contains("9203" + cav2), "a CAV2 reached the recording");
        }
    }

    @Test
    void aFrameThatDoesNotDecodeIsScrubbedDefensively() throws Exception {
        Path file = dir.resolve("recording.bin");
        String cav2 = Messages.cav2(TestCards.TARO.pan, TestCards.TARO.expiry);
        byte[] garbage = ("0100" + "ZZZZZZZZ" + "019TARO YAMADA9203" + cav2).getBytes(StandardCharsets.US_ASCII);
        try (TestSwitch sw = TestSwitch.builder(dir.resolve("data"))
                .yaml("recorder:\n  enabled: true\n  file: " + file).start();
             IsoTestClient client = sw.connectSignedOn()) {
            client.sendMessage(garbage);
            client.closedByPeer(2_000);
        }
        List<RecordedMessage> inbound = RecordingReader.read(file).stream().filter(RecordedMessage::inbound).toList();
        assertEquals(2, inbound.size());
        String recorded = new String(inbound.get(1).message(), StandardCharsets.US_ASCII);
        assertEquals("0100ZZZZZZZZ019TARO YAMADA9203000", recorded);
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("9203" + cav2));
    }

    @Test
    void recordingIsRefusedInProductionMode() {
        ConfigException refused = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "mode: production\nrecorder:\n  enabled: true\n  file: /tmp/r.bin\n", "switch.yaml", Overrides.NONE, Map.of()));
        assertTrue(refused.problems().stream().anyMatch(p -> p.startsWith("switch.yaml: recorder.enabled: true is refused in production mode")),
                refused.problems().toString());
    }

    @Test
    void recordingIsOffByDefaultAndAllowedInDemoMode() {
        assertFalse(ConfigLoader.parse("mode: test\n", "switch.yaml", Overrides.NONE, Map.of()).recorder().enabled());
        var demo = ConfigLoader.parse("mode: demo\nrecorder:\n  enabled: true\n  file: " + dir.resolve("r.bin") + "\n",
                "switch.yaml", Overrides.NONE, Map.of()).recorder();
        assertTrue(demo.enabled());
        assertEquals(dir.resolve("r.bin"), demo.file());
    }
}
