package io.tatekae.bench.load;

import io.tatekae.spec.Packagers;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.state.Luhn;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request pattern, read back from the frames the workload writes (unpacked by jPOS under the
 * profile, not by the tester's own codec): a different card on every request, the whole pool in turn,
 * no card past the velocity allowance, and templates patched to exactly what encoding from scratch gives.
 */
class WorkloadTest {
    private final FrameCodec codec = new FrameCodec(ProfileSpec.load());
    private final GenericPackager packager = Packagers.genericPackager();

    @TempDir
    Path dir;

    @Test
    void consecutiveRequestsNeverNameTheSameCardAndEveryCardComesRound() throws Exception {
        CardPool pool = pool(2_000, 10);
        Sent sent = send(pool, 10, 3 * 2_000, true);
        for (int i = 1; i < sent.pans.size(); i++) {
            assertNotEquals(sent.pans.get(i - 1), sent.pans.get(i), "requests " + (i - 1) + " and " + i + " name the same card");
        }
        Set<String> named = new HashSet<>(sent.pans);
        for (int c = 0; c < pool.cycleSize(); c++) {
            assertTrue(named.contains(pool.approving.get(c).pan()), "card " + c + " of the cycle was never named");
        }
        assertTrue(sent.kinds.get(Mix.Kind.REVERSAL) > 300, "reversals of answered approvals went out: " + sent.kinds);
        assertTrue(sent.kinds.get(Mix.Kind.DECLINE) > 1000, "declines went out: " + sent.kinds);
    }

    @Test
    void noCardIsAskedForMoreApprovalsThanTheVelocityAllows() throws Exception {
        int velocity = 3;
        CardPool pool = pool(50, velocity);
        Sent sent = send(pool, velocity, 5_000, false);
        assertTrue(sent.exhausted, "the workload stops when every card has had its approvals");
        Map<String, Integer> approvals = new HashMap<>();
        for (int i = 0; i < sent.pans.size(); i++) {
            if (sent.mtis.get(i).equals("0120") || sent.mtis.get(i).equals("0100") && sent.approvals.get(i)) {
                approvals.merge(sent.pans.get(i), 1, Integer::sum);
            }
        }
        assertEquals(velocity * pool.cycleSize(), approvals.values().stream().mapToInt(Integer::intValue).sum(),
                "every approval the pool allows, and not one more");
        assertEquals(velocity, approvals.values().stream().mapToInt(Integer::intValue).max().orElseThrow(), approvals.toString());
        assertEquals(pool.cycleSize(), approvals.size(), "every card of the cycle took its share");
    }

    @Test
    void everyTemplateIsTheFrameEncodingFromScratchGives() throws Exception {
        Path file = dir.resolve("mixed.jsonl");
        List<String> lines = new ArrayList<>();
        String[][] cards = { // PAN without its check digit, expiry, name: three PAN lengths, four name lengths
                {"354091000000001", "3012", "TARO YAMADA"},
                {"354091000000002", "2901", "HANAKO SATO"},
                {"412345678901234567", "3105", "A"},
                {"35409100000004", "3012", "MARIA DE LAS MERCEDES GARCIA"},
                {"354091000000005", "3012", ""},
        };
        for (int i = 0; i < cards.length; i++) {
            lines.add("{\"type\":\"account\",\"id\":\"M" + i + "\",\"creditLimit\":50000,\"plan\":\"STANDARD\",\"status\":\"GOOD\","
                    + "\"kycVerified\":true,\"outstanding\":0}");
            lines.add("{\"type\":\"card\",\"pan\":\"" + Luhn.withCheckDigit(cards[i][0])
                    + "\",\"expiry\":\"" + cards[i][1] + "\",\"name\":\"" + cards[i][2] + "\",\"account\":\"M" + i
                    + "\",\"limit\":50000,\"status\":\"ACTIVE\"}");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        CardPool pool = CardPool.read(file, 10 * Workload.maxAmount(), "0123456789ABCDEF", "FEDCBA9876543210");
        assertEquals(cards.length, pool.approving.size());
        RequestTemplates templates = new RequestTemplates(codec, pool.approving);
        byte[] out = new byte[FrameCodec.HEADER_BYTES + FrameCodec.MAX_MESSAGE_BYTES];
        for (int c = 0; c < pool.approving.size(); c++) {
            LoadCard card = pool.approving.get(c);
            for (Recipe r : Recipe.values()) {
                Arrays.fill(out, (byte) 'x');
                int length = templates.write(r, c, out);
                byte[] expected = codec.encode(r.mti, r.fields(card, c, "0100")).frame();
                assertArrayEquals(expected, Arrays.copyOf(out, length), r + " on card " + c + " (" + card.name() + ")");
            }
        }
    }

    /** What a workload sent, read back with jPOS. */
    private static final class Sent {
        final List<String> pans = new ArrayList<>();
        final List<String> mtis = new ArrayList<>();
        final List<Boolean> approvals = new ArrayList<>();
        final Map<Mix.Kind, Integer> kinds = new HashMap<>();
        boolean exhausted;
    }

    /** Builds {@code count} requests of the default mix; with {@code answer}, each approval is then answered 00. */
    private Sent send(CardPool pool, int velocity, int count, boolean answer) throws ISOException {
        CardCycle cycle = new CardCycle(pool.cycleSize(), velocity, 0);
        OpenHolds holds = new OpenHolds(1 << 16);
        Workload w = new Workload(codec, pool, new RequestTemplates(codec, pool.approving), Mix.parse(Mix.DEFAULT), cycle, holds);
        byte[] frame = new byte[FrameCodec.HEADER_BYTES + FrameCodec.MAX_MESSAGE_BYTES];
        RequestSource.Built b = new RequestSource.Built();
        Sent sent = new Sent();
        for (int i = 0; i < count; i++) {
            int length;
            try {
                length = w.build(i, 1206120000L, i % 1_000_000, frame, b);
            } catch (Workload.CardsExhaustedException e) {
                sent.exhausted = true;
                break;
            }
            ISOMsg m = new ISOMsg();
            m.setPackager(packager);
            m.unpack(Arrays.copyOfRange(frame, FrameCodec.HEADER_BYTES, length));
            sent.pans.add(m.getString(2));
            sent.mtis.add(m.getMTI());
            sent.approvals.add(b.kind == Mix.Kind.APPROVAL);
            sent.kinds.merge(b.kind, 1, Integer::sum);
            if (answer && (b.kind == Mix.Kind.APPROVAL || b.kind == Mix.Kind.ADVICE)) {
                holds.answered(i % 1_000_000, 1206120000L, b.card, b.expectedMti - 10);
            }
        }
        return sent;
    }

    private CardPool pool(int count, int velocity) throws IOException {
        Path file = dir.resolve("cards-" + count + ".jsonl");
        CardPool.writeLoadCards(file, count);
        return CardPool.read(file, velocity * Workload.maxAmount(), "0123456789ABCDEF", "FEDCBA9876543210");
    }

    @Test
    void aCycleOfOneCardIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CardCycle(1, 10, 0));
    }
}
