package io.tatekae.state;

import static io.tatekae.state.StateFixtures.account;
import static io.tatekae.state.StateFixtures.card;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleStateStoreTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    private final PanHasher hasher = new PanHasher(KEY);

    @Test
    void persistedMapsSurviveCloseAndReopen() {
        try (StateStore store = new ChronicleStateStore(dataDir, 100, 100)) {
            AccountState acct = account("A0000001", 50_000).outstanding(1_200).openHolds(3_400);
            store.addAccount(acct);
            store.writeCard(card(hasher, "3540990000001007", 0, 30_000));
        }
        assertTrue(Files.exists(dataDir.resolve("state").resolve(ChronicleStateStore.CARDS_FILE)));
        assertTrue(Files.exists(dataDir.resolve("state").resolve(ChronicleStateStore.ACCOUNTS_FILE)));

        try (StateStore store = new ChronicleStateStore(dataDir, 100, 100)) {
            assertEquals(1, store.cardCount());
            assertEquals(1, store.accountCount());
            assertEquals(0, store.accountIndex("A0000001"));
            CardState card = new CardState();
            assertTrue(store.readCard(hasher.hash("3540990000001007", new PanKey()), card));
            assertEquals("354099******1007", card.maskedPan().asString());
            assertEquals("TARO YAMADA", card.name().asString());
            assertEquals(3012, card.expiryYymm());
            assertEquals(30_000, card.limit());
            AccountState acct = new AccountState();
            assertTrue(store.readAccount(0, acct));
            assertEquals("A0000001", acct.id().asString());
            assertEquals(1_200, acct.outstanding());
            assertEquals(3_400, acct.openHolds());
        }
    }

    @Test
    void stateWrittenClosedAndReopenedIsIdentical() {
        List<CardState> writtenCards = new ArrayList<>();
        List<AccountState> writtenAccounts = new ArrayList<>();
        try (StateStore store = new ChronicleStateStore(dataDir, 500, 50)) {
            for (int a = 0; a < 40; a++) {
                AccountState acct = account("ACC" + a, 10_000 + a)
                        .plan(a % 2 == 0 ? AccountPlan.STANDARD : AccountPlan.PLUS)
                        .status(a % 3 == 0 ? AccountStatus.DELINQUENT : AccountStatus.GOOD)
                        .kycVerified(a % 5 != 0).outstanding(a * 7L).openHolds(a * 11L);
                store.addAccount(acct);
                writtenAccounts.add(new AccountState().copyFrom(acct));
            }
            for (int c = 0; c < 300; c++) {
                CardState card = card(hasher, String.format("35409900%08d", c), c % 40, 3_000 + c);
                card.status(CardStatus.values()[c % 4]).expiryYymm(2801 + c % 12);
                card.setNameCanonical(("CANON" + c).getBytes(StandardCharsets.US_ASCII), 0, 5 + String.valueOf(c).length());
                for (int v = 0; v < c % 40; v++) {
                    card.velocity().record(1_700_000_000_000L + c * 1000L + v);
                }
                store.writeCard(card);
                writtenCards.add(new CardState().copyFrom(card));
            }
        }
        try (StateStore store = new ChronicleStateStore(dataDir, 500, 50)) {
            assertEquals(writtenCards.size(), store.cardCount());
            assertEquals(writtenAccounts.size(), store.accountCount());
            for (AccountState expected : writtenAccounts) {
                AccountState actual = new AccountState();
                assertTrue(store.readAccount(expected.index(), actual));
                assertTrue(expected.sameAs(actual), () -> expected + " != " + actual);
                assertEquals(expected.index(), store.accountIndex(expected.id().asString()));
            }
            List<CardState> visited = new ArrayList<>();
            store.forEachCard(c -> visited.add(new CardState().copyFrom(c)));
            assertEquals(writtenCards.size(), visited.size());
            Comparator<CardState> byKey = Comparator.comparingLong((CardState c) -> c.panKey().hi())
                    .thenComparingLong(c -> c.panKey().lo());
            writtenCards.sort(byKey);
            visited.sort(byKey);
            for (int i = 0; i < visited.size(); i++) {
                CardState expected = writtenCards.get(i);
                CardState actual = visited.get(i);
                assertTrue(expected.sameAs(actual), () -> expected + " != " + actual);
            }
        }
    }

    @Test
    void replacingACardKeepsTheCountAndUpdatesInPlace() {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            store.addAccount(account("A1", 50_000));
            CardState card = card(hasher, "3540990000001007", 0, 30_000);
            store.writeCard(card);
            card.status(CardStatus.FROZEN).velocity().record(42L);
            store.writeCard(card);
            assertEquals(1, store.cardCount());
            CardState read = new CardState();
            assertTrue(store.readCard(card.panKey(), read));
            assertEquals(CardStatus.FROZEN, read.status());
            assertEquals(42L, read.velocity().recent(0));
        }
    }

    @Test
    void fullCardStoreRejectsNewCardsButStillUpdatesExistingOnes() {
        try (StateStore store = new ChronicleStateStore(dataDir, 2, 10)) {
            store.addAccount(account("A1", 50_000));
            store.writeCard(card(hasher, "3540990000001007", 0, 30_000));
            store.writeCard(card(hasher, "3540990000001015", 0, 30_000));
            StoreFullException e = assertThrows(StoreFullException.class,
                    () -> store.writeCard(card(hasher, "3540990000001023", 0, 30_000)));
            assertTrue(e.getMessage().contains("2 cards"), e.getMessage());
            assertTrue(e.getMessage().contains("354099******1023"), e.getMessage());
            assertFalse(e.getMessage().contains("3540990000001023"));
            store.writeCard(card(hasher, "3540990000001007", 0, 9_000));
            assertEquals(2, store.cardCount());
        }
    }

    @Test
    void fullAccountStoreRejectsNewAccounts() {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 1)) {
            store.addAccount(account("A1", 50_000));
            StoreFullException e = assertThrows(StoreFullException.class, () -> store.addAccount(account("A2", 1)));
            assertTrue(e.getMessage().contains("1 accounts"), e.getMessage());
            assertEquals(1, store.accountCount());
            assertEquals(-1, store.accountIndex("A2"));
        }
    }

    @Test
    void accountsGetDenseIndexesAndDuplicatesAreRefused() {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            assertEquals(0, store.addAccount(account("A1", 1)));
            assertEquals(1, store.addAccount(account("A2", 1)));
            assertEquals(1, store.accountIndex("A2"));
            assertEquals(-1, store.accountIndex("A3"));
            assertThrows(IllegalArgumentException.class, () -> store.addAccount(account("A1", 1)));
            assertFalse(store.readAccount(2, new AccountState()));
            assertFalse(store.readAccount(-1, new AccountState()));
            List<String> ids = new ArrayList<>();
            store.forEachAccount(a -> ids.add(a.index() + ":" + a.id()));
            assertEquals(List.of("0:A1", "1:A2"), ids);
        }
    }

    @Test
    void unknownCardLeavesTheHolderUntouched() {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            CardState holder = new CardState().limit(777);
            assertFalse(store.readCard(hasher.hash("3540990000001007", new PanKey()), holder));
            assertEquals(777, holder.limit());
        }
    }

    @Test
    void cardForAMissingAccountIsRefused() {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.writeCard(card(hasher, "3540990000001007", 0, 30_000)));
            assertTrue(e.getMessage().contains("354099******1007"));
            assertEquals(0, store.cardCount());
        }
    }

    @Test
    void writingAnAccountThatWasNeverAddedIsRefused() {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            assertThrows(IllegalArgumentException.class, () -> store.writeAccount(account("A1", 1).index(0)));
        }
    }

    @Test
    void aLostAccountIdMapIsRebuiltFromTheAccounts() throws Exception {
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            store.addAccount(account("A1", 1));
            store.addAccount(account("A2", 1));
        }
        Files.delete(dataDir.resolve("state").resolve(ChronicleStateStore.ACCOUNT_IDS_FILE));
        try (StateStore store = new ChronicleStateStore(dataDir, 10, 10)) {
            assertEquals(2, store.accountCount());
            assertEquals(0, store.accountIndex("A1"));
            assertEquals(1, store.accountIndex("A2"));
            assertEquals(2, store.addAccount(account("A3", 1)));
        }
    }
}
