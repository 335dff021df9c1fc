package io.tatekae.bench.replay;

import io.tatekae.app.SwitchApp;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.iso.IsoDecoder;
import io.tatekae.recorder.RecordedMessage;
import io.tatekae.recorder.RecordingFormat;
import io.tatekae.recorder.RecordingReader;
import io.tatekae.spec.ProfileSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record a scenario on one switch (approvals, declines, a reversal), replay the recording against a
 * fresh switch with the same cards over real TCP: no difference; change one recorded DE 39: exactly
 * that difference.
 */
class ReplayerTest {
    private static final String TARO = "3540991000000027";
    private static final String FROZEN = "3540991000000043";
    private static final String EXPIRED = "3540991000000084";
    private static final String CARDS = """
            {"type":"account","id":"A0000001","creditLimit":50000,"plan":"STANDARD","status":"GOOD","kycVerified":true}
            {"type":"card","pan":"3540991000000027","expiry":"3012","name":"TARO YAMADA","account":"A0000001","limit":50000,"status":"ACTIVE"}
            {"type":"card","pan":"3540991000000043","expiry":"3012","name":"JIRO YAMADA","account":"A0000001","limit":30000,"status":"FROZEN"}
            {"type":"account","id":"A0000003","creditLimit":50000,"plan":"STANDARD","status":"GOOD","kycVerified":true}
            {"type":"card","pan":"3540991000000084","expiry":"2401","name":"YUKI TANAKA","account":"A0000003","limit":50000,"status":"ACTIVE"}
            """;

    @TempDir
    Path dir;
    private final ProfileSpec spec = ProfileSpec.load();
    private final Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210"));

    @Test
    void replayingARecordingOnAFreshSwitchFindsNoDifference() throws Exception {
        Path recording = recordScenario();
        ReplayResult result = replay(recording, "fresh");
        assertEquals(List.of(), result.differences());
        assertEquals(8, result.sent());
        assertEquals(8, result.compared());
        assertEquals(0, result.originalsNotFound());
    }

    @Test
    void aChangedRecordedResponseIsReportedAsExactlyThatDifference() throws Exception {
        Path recording = recordScenario();
        Path changed = dir.resolve("changed.bin");
        List<RecordedMessage> entries = new ArrayList<>(RecordingReader.read(recording));
        IsoDecoder decoder = new IsoDecoder(spec);
        int firstApproval = -1;
        for (int i = 0; i < entries.size() && firstApproval < 0; i++) {
            ReplayMessage m = ReplayMessage.decode(decoder, entries.get(i).message());
            if (!entries.get(i).inbound() && m.mti() == 110 && "00".equals(m.get(39))) {
                m.set(39, "05");
                RecordedMessage e = entries.get(i);
                entries.set(i, new RecordedMessage(false, e.epochMicros(), e.connectionId(), m.encode(spec)));
                firstApproval = i;
            }
        }
        assertTrue(firstApproval > 0);
        write(changed, entries);

        ReplayResult result = replay(changed, "changed");
        assertEquals(1, result.differences().size(), result.differences().toString());
        assertTrue(result.differences().getFirst().startsWith("request #1 (0100, recorded DE 11 000002): DE 39 recorded 05, replayed 00"),
                result.differences().getFirst());
    }

    /** On a switch that records: sign-on, 2 approvals, 3 declines, an approval and its reversal, a wrong CAV2. */
    private Path recordScenario() throws Exception {
        Path recording = dir.resolve("recording.bin");
        try (SwitchApp app = startSwitch("recorded", "recorder:\n  enabled: true\n  file: " + recording + "\n");
             Client client = new Client(app.port())) {
            assertEquals("00", client.call(new ReplayMessage(800, Map.of(7, "1123120000", 11, "000001", 70, "001"))).get(39));
            List<String> answers = new ArrayList<>();
            answers.add(client.call(purchase(TARO, "3012", "TARO YAMADA", 1_000, "000002")).get(39));
            answers.add(client.call(purchase(TARO, "3012", "TARO YAMADA", 2_000, "000003")).get(39));
            answers.add(client.call(purchase(TARO, "3012", "TARO YAMADA", 10_000_000, "000004")).get(39));
            answers.add(client.call(purchase(FROZEN, "3012", "JIRO YAMADA", 1_000, "000005")).get(39));
            answers.add(client.call(purchase(EXPIRED, "2401", "YUKI TANAKA", 1_000, "000006")).get(39));
            ReplayMessage original = purchase(TARO, "3012", "TARO YAMADA", 3_000, "000007");
            answers.add(client.call(original).get(39));
            answers.add(client.call(reversal(original, "000008")).get(39));
            ReplayMessage wrongCav2 = purchase(TARO, "3012", "TARO YAMADA", 1_000, "000009");
            String right = wrongCav2.tag(92);
            wrongCav2.replaceTag(92, String.format("%03d", (Integer.parseInt(right) + 500) % 1_000));
            answers.add(client.call(wrongCav2).get(39));
            assertEquals("00", answers.get(0));
            assertEquals("00", answers.get(1));
            assertFalse(answers.subList(2, 5).contains("00"), answers.toString());
            assertEquals("00", answers.get(5));
            assertEquals("00", answers.get(6), "the reversal");
            assertEquals("N7", answers.get(7), "the wrong CAV2");
        }
        return recording;
    }

    private ReplayResult replay(Path recording, String name) throws Exception {
        try (SwitchApp app = startSwitch(name, "")) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ReplayOptions options = ReplayOptions.parse(recording.toString(), "--port", String.valueOf(app.port()),
                    "--as-fast-as-possible");
            return new Replayer(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        }
    }

    private SwitchApp startSwitch(String name, String extraYaml) throws Exception {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        Path cards = data.resolve("cards.jsonl");
        Files.writeString(cards, CARDS);
        SwitchConfig config = ConfigLoader.parse("""
                mode: test
                server:
                  host: 127.0.0.1
                state:
                  maxCards: 100
                  maxAccounts: 100
                holds:
                  maxOpenHolds: 4096
                pipeline:
                  ringSize: 1024
                  maxBatch: 128
                journal:
                  fsync: none
                ledger:
                  poster: in-process
                """ + extraYaml, name + ".yaml", Overrides.NONE.withDataDir(data).withPort(0).withHttpPort(0), Map.of());
        SwitchApp app = SwitchApp.open(config, InstantSource.system());
        assertTrue(app.provision(cards).allLinesUsed());
        return app.start();
    }

    private ReplayMessage purchase(String pan, String expiry, String name, long amount, String stan) {
        byte[] p = pan.getBytes(StandardCharsets.US_ASCII);
        String code = String.format("%03d", cav2.compute(p, 0, p.length, Integer.parseInt(expiry), Cav2Calculator.CAV2_SERVICE_CODE));
        TreeMap<Integer, String> f = new TreeMap<>();
        f.put(2, pan);
        f.put(3, "000000");
        f.put(4, String.format("%012d", amount));
        f.put(7, "1123120000");
        f.put(11, stan);
        f.put(12, "120000");
        f.put(13, "1123");
        f.put(14, expiry);
        f.put(18, "5732");
        f.put(19, "392");
        f.put(22, "810");
        f.put(25, "59");
        f.put(32, "123456");
        f.put(37, "5327" + stan + "01");
        f.put(41, "TERM0001");
        f.put(42, "MERCHANT0000001");
        f.put(43, "TATEKAE DENKI ONLINE     TOKYO        JP");
        f.put(48, tlv("01", name) + tlv("42", "05") + tlv("43", "AAABAWFlmQAAAABjRWWZEEFgFz0=") + tlv("92", code));
        f.put(49, "392");
        f.put(61, "0005000000000392");
        return new ReplayMessage(100, f);
    }

    private static ReplayMessage reversal(ReplayMessage original, String stan) {
        TreeMap<Integer, String> f = new TreeMap<>();
        for (int de : new int[] {2, 3, 4, 32, 37, 42, 49}) {
            f.put(de, original.get(de));
        }
        f.put(7, "1123120005");
        f.put(11, stan);
        f.put(90, String.format("%04d", original.mti()) + original.get(11) + original.get(7)
                + String.format("%011d", Long.parseLong(original.get(32))) + "00000000000");
        return new ReplayMessage(400, f);
    }

    private static String tlv(String tag, String value) {
        return tag + String.format("%02d", value.length()) + value;
    }

    private static void write(Path file, List<RecordedMessage> entries) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(RecordingFormat.MAGIC);
            for (RecordedMessage e : entries) {
                out.writeByte(e.inbound() ? RecordingFormat.INBOUND : RecordingFormat.OUTBOUND);
                out.writeLong(e.epochMicros());
                out.writeLong(e.connectionId());
                out.writeShort(e.message().length);
                out.write(e.message());
            }
        }
    }

    /** One request at a time over a {@link ReplayConnection}. */
    private final class Client implements AutoCloseable {
        private final BlockingQueue<byte[]> answers = new ArrayBlockingQueue<>(16);
        private final ReplayConnection link;

        Client(int port) throws Exception {
            link = new ReplayConnection("127.0.0.1", port, answers::add);
        }

        ReplayMessage call(ReplayMessage request) throws Exception {
            link.send(request.encode(spec));
            byte[] answer = answers.poll(5, TimeUnit.SECONDS);
            assertNotNull(answer, "no answer within 5 s");
            return ReplayMessage.decode(new IsoDecoder(spec), answer);
        }

        @Override
        public void close() throws Exception {
            link.close();
        }
    }
}
