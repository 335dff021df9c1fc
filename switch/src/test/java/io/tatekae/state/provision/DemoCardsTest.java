package io.tatekae.state.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tatekae.app.CardProvisioner;
import io.tatekae.state.AccountPlan;
import io.tatekae.state.Luhn;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.CreditLine;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;
import io.tatekae.state.AccountState;

class DemoCardsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    @Test
    void demoFileLoadsAndCoversEveryCase() throws IOException {
        Path file = Path.of(System.getProperty("tatekae.repo.dir", ".."), "config", "demo-cards.jsonl");
        try (StateStore store = new ChronicleStateStore(dataDir, 1_000, 1_000)) {
            // As the switch loads it: with each card's canonical name for matching.
            ProvisioningReport report = new CardProvisioner(store, new PanHasher(KEY)).load(file);
            assertEquals(0, report.rejectedCount(), report::describe);
            assertTrue(report.cardsAdded() >= 30, report::describe);

            Set<CardStatus> cardStatuses = EnumSet.noneOf(CardStatus.class);
            Set<Long> limits = new HashSet<>();
            Set<Integer> expiries = new HashSet<>();
            store.forEachCard(c -> {
                cardStatuses.add(c.status());
                limits.add(c.limit());
                expiries.add(c.expiryYymm());
            });
            assertEquals(EnumSet.allOf(CardStatus.class), cardStatuses);
            assertTrue(limits.containsAll(List.of(3_000L, 50_000L)), limits::toString);
            assertTrue(expiries.contains(2401) && expiries.contains(3012) && expiries.contains(2812), expiries::toString);

            Set<AccountPlan> plans = EnumSet.noneOf(AccountPlan.class);
            Set<AccountStatus> statuses = EnumSet.noneOf(AccountStatus.class);
            Set<Boolean> owes = new HashSet<>();
            store.forEachAccount(a -> {
                plans.add(a.plan());
                statuses.add(a.status());
                owes.add(a.outstanding() > 0);
            });
            assertEquals(EnumSet.allOf(AccountPlan.class), plans);
            assertEquals(EnumSet.allOf(AccountStatus.class), statuses);
            assertEquals(Set.of(true, false), owes);

            CardState hanako = new CardState();
            assertTrue(store.readCard(new PanHasher(KEY).hash("3540990000001019", new PanKey()), hanako));
            AccountState acct = new AccountState();
            assertTrue(store.readAccount(hanako.accountIndex(), acct));
            assertEquals(50_000, CreditLine.availableCredit(hanako, acct));
        }
    }

    @Test
    void everyDemoPanIsInTheJcbTestRange() throws IOException {
        Path file = Path.of(System.getProperty("tatekae.repo.dir", ".."), "config", "demo-cards.jsonl");
        for (String line : Files.readAllLines(file)) {
            int at = line.indexOf("\"pan\":\"");
            if (at >= 0) {
                String pan = line.substring(at + 7, line.indexOf('"', at + 7));
                assertTrue(pan.matches("354099000000\\d{4}"), "unexpected demo PAN form " + pan);
                assertTrue(Luhn.isValid(pan), "Luhn: " + pan);
            }
        }
    }
}
