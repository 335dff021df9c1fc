package io.tatekae.state;

import static io.tatekae.state.StateFixtures.account;
import static io.tatekae.state.StateFixtures.card;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory card and account tables over the Chronicle Map store. */
class LiveStateTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    private final PanHasher hasher = new PanHasher(KEY);

    @Test
    void loadsTheStoreAndFindsEveryCardAfterGrowing() {
        try (ChronicleStateStore store = new ChronicleStateStore(dataDir, 5_000, 10)) {
            store.addAccount(account("A1", 50_000));
            for (int i = 0; i < 100; i++) {
                store.writeCard(card(hasher, pan(i), 0, 3_000 + i));
            }
            try (LiveState live = new LiveState(store, 5_000, 10, 10)) {
                for (int i = 100; i < 5_000; i++) {
                    live.writeCard(card(hasher, pan(i), 0, 3_000 + i));
                }
                CardTable cards = live.cards();
                assertEquals(5_000, cards.size());
                PanKey key = new PanKey();
                for (int i = 0; i < 5_000; i++) {
                    hasher.hash(pan(i), key);
                    int slot = cards.find(key.hi(), key.lo());
                    assertTrue(slot >= 0, "card " + i);
                    assertEquals(3_000 + i, cards.limit(slot));
                    assertEquals(3012, cards.expiryYymm(slot));
                    assertEquals(CardStatus.ACTIVE, cards.status(slot));
                    byte[] masked = new byte[19];
                    int n = cards.copyMaskedPan(slot, masked);
                    assertEquals(MaskedPan.of(pan(i)), new String(masked, 0, n, StandardCharsets.US_ASCII));
                }
                assertEquals(-1, cards.find(1, 2));
                assertThrows(StoreFullException.class, () -> live.writeCard(card(hasher, pan(5_000), 0, 3_000)));
            }
        }
    }

    @Test
    void velocityKeepsTheNewestApprovalsAndTakesTheNewestBack() {
        CardTable cards = new CardTable(10, 10);
        int slot = cards.put(card(hasher, pan(1), 0, 3_000));
        List<Long> recorded = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        long now = 1_000;
        for (int step = 0; step < 20_000; step++) {
            now += random.nextInt(5_000) - (random.nextInt(16) == 0 ? 8_000 : 0); // the clock may step back
            int count = cards.velocityCount(slot);
            long displaced = cards.displacedApproval(slot);
            cards.recordApproval(slot, now);
            recorded.add(now);
            if (random.nextInt(8) == 0) { // the batch failed: the approval is taken back
                cards.unrecordApproval(slot, count, displaced);
                recorded.remove(recorded.size() - 1);
            }
            long from = now - random.nextInt(40_000);
            List<Long> kept = recorded.subList(Math.max(0, recorded.size() - 10), recorded.size());
            assertEquals(kept.size(), cards.velocityCount(slot));
            long inWindow = kept.stream().filter(t -> t >= from).count();
            for (int max = 0; max <= 11; max++) {
                assertEquals(inWindow >= max, cards.approvalsReached(slot, from, max), "step " + step + ", max " + max);
            }
            for (int i = 0; i < kept.size(); i++) {
                assertEquals(kept.get(kept.size() - 1 - i), cards.recentApproval(slot, i));
            }
        }
    }

    @Test
    void moneyChangesInMemoryAreReadThroughTheStoreInterfaceAndWrittenBackAtClose() {
        try (ChronicleStateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            store.addAccount(account("A1", 50_000));
            store.writeCard(card(hasher, pan(1), 0, 30_000));
            LiveState live = new LiveState(store, 10, 10, 10);
            live.accounts().openHolds(0, 4_980);
            live.accounts().outstanding(0, 1_200);
            AccountState read = new AccountState();
            assertTrue(live.readAccount(0, read));
            assertEquals(4_980, read.openHolds());
            assertEquals(1_200, read.outstanding());
            assertEquals("A1", read.id().asString());
            assertTrue(store.readAccount(0, read));
            assertEquals(0, read.openHolds(), "the hot path does not write the store");
            live.writeBackMoney();
            assertTrue(store.readAccount(0, read));
            assertEquals(4_980, read.openHolds());
            assertEquals(1_200, read.outstanding());
            assertTrue(live.accounts().dirty().isEmpty());
        }
    }

    @Test
    void attributeChangesGoToBothAndVelocitySurvivesThem() {
        try (ChronicleStateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            LiveState live = new LiveState(store, 10, 10, 10);
            live.addAccount(account("A1", 50_000));
            live.writeCard(card(hasher, pan(1), 0, 30_000));
            PanKey key = hasher.hash(pan(1), new PanKey());
            int slot = live.cards().find(key.hi(), key.lo());
            live.cards().recordApproval(slot, 123_456);
            CardState read = new CardState();
            assertTrue(live.readCard(key, read));
            read.status(CardStatus.FROZEN).limit(5_000);
            live.writeCard(read);
            assertEquals(CardStatus.FROZEN, live.cards().status(slot));
            assertEquals(5_000, live.cards().limit(slot));
            assertEquals(1, live.cards().velocityCount(slot), "velocity kept across an attribute change");
            assertEquals(123_456, live.cards().recentApproval(slot, 0));
            assertTrue(store.readCard(key, read));
            assertEquals(CardStatus.FROZEN, read.status());
            assertEquals("TARO YAMADA", read.name().asString());
            assertFalse(live.readCard(new PanKey(1, 2), read));
        }
    }

    @Test
    void accountIdsComeBackByteForByteForTheJournal() {
        AccountTable accounts = new AccountTable(10);
        String[] ids = {"A1", "A0000001", "ABCDEFGHIJKLMNOP"};
        for (int i = 0; i < ids.length; i++) {
            AccountState a = account(ids[i], 50_000);
            a.index(i);
            accounts.put(a);
        }
        for (int i = 0; i < ids.length; i++) {
            byte[] to = new byte[16];
            int n = accounts.copyId(i, to);
            assertEquals(ids[i], new String(to, 0, n, StandardCharsets.US_ASCII));
        }
    }

    private static String pan(int i) {
        return Luhn.withCheckDigit(String.format("354099%09d", i));
    }
}
