package io.tatekae.state.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

class ProvisioningLoaderTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{11,}");
    private static final String ACCOUNT = """
            {"type":"account","id":"A0000001","creditLimit":50000,"plan":"STANDARD","status":"GOOD","kycVerified":true}""";
    private static final String CARD = """
            {"type":"card","pan":"3540990000001001","expiry":"3012","name":"TARO YAMADA","account":"A0000001","limit":30000,"status":"ACTIVE"}""";

    @TempDir
    Path dataDir;

    private final PanHasher hasher = new PanHasher(KEY);
    private StateStore store;

    @BeforeEach
    void openStore() {
        store = new ChronicleStateStore(dataDir, 100, 100);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void loadsAccountsAndCardsWithTheirAttributes() throws IOException {
        ProvisioningReport report = load(ACCOUNT.replace("GOOD", "DELINQUENT").replace("STANDARD", "PLUS")
                .replace("}", ",\"outstanding\":1200}") + "\n" + CARD.replace("TARO YAMADA", "Taro Yamada"));
        assertEquals(new ProvisioningReport(2, 1, 0, 1, 0, 0, List.of()), report);
        AccountState acct = new AccountState();
        assertTrue(store.readAccount(store.accountIndex("A0000001"), acct));
        assertEquals(AccountPlan.PLUS, acct.plan());
        assertEquals(AccountStatus.DELINQUENT, acct.status());
        assertTrue(acct.kycVerified());
        assertEquals(50_000, acct.creditLimit());
        assertEquals(1_200, acct.outstanding());
        CardState card = readCard("3540990000001001");
        assertEquals("354099******1001", card.maskedPan().asString());
        assertEquals("TARO YAMADA", card.name().asString(), "names are stored uppercase");
        assertEquals(3012, card.expiryYymm());
        assertEquals(30_000, card.limit());
        assertEquals(CardStatus.ACTIVE, card.status());
        assertEquals(acct.index(), card.accountIndex());
    }

    @Test
    void ignoresUnknownKeysAndBlankLines() throws IOException {
        ProvisioningReport report = load(ACCOUNT.replace("}", ",\"segment\":\"gold\",\"x\":{\"y\":[1]}}") + "\n\n  \n"
                + CARD.replace("}", ",\"issuedAt\":\"2026-01-01\"}"));
        assertTrue(report.allLinesUsed(), report::describe);
        assertEquals(1, report.cardsAdded());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"type\":\"account\",\"id\":\"A0000001\"                 | not valid JSON at column",
            "[1,2,3]                                                    | not a JSON object",
            "{\"type\":\"account\",\"type\":\"card\"}                  | a key is given twice",
            "{\"id\":\"A0000002\"}                                     | missing \"type\"",
            "{\"type\":\"merchant\"}                                   | \"type\" must be \"account\" or \"card\"",
            "{\"type\":\"account\",\"creditLimit\":1,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | missing \"id\"",
            "{\"type\":\"account\",\"id\":\"A00000020000000001\",\"creditLimit\":1,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | \"id\" must be an account id",
            "{\"type\":\"account\",\"id\":\"A 2\",\"creditLimit\":1,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | \"id\" must be an account id",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":0,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | \"creditLimit\" must be a whole number from 1 to 10000000",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":10000001,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | \"creditLimit\" must be a whole number from 1 to 10000000",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":500.5,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | \"creditLimit\" must be a whole number",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":\"500\",\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true} | \"creditLimit\" must be a whole number",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":500,\"plan\":\"GOLD\",\"status\":\"GOOD\",\"kycVerified\":true} | \"plan\" must be one of [STANDARD, PLUS]",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":500,\"plan\":\"PLUS\",\"status\":\"good\",\"kycVerified\":true} | \"status\" must be one of [GOOD, DELINQUENT]",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":500,\"plan\":\"PLUS\",\"status\":\"GOOD\"} | missing \"kycVerified\"",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":500,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":\"yes\"} | \"kycVerified\" must be true or false",
            "{\"type\":\"account\",\"id\":\"A2\",\"creditLimit\":500,\"plan\":\"PLUS\",\"status\":\"GOOD\",\"kycVerified\":true,\"outstanding\":-1} | \"outstanding\" must be a whole number from 0",
            "{\"type\":\"card\",\"pan\":\"35409900007\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"pan\" must be 12 to 19 digits",
            "{\"type\":\"card\",\"pan\":\"35409900000000000007\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"pan\" must be 12 to 19 digits",
            "{\"type\":\"card\",\"pan\":\"3540 9900 0000 1007\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"pan\" must be 12 to 19 digits",
            "{\"type\":\"card\",\"pan\":3540990000001001,\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"pan\" must be a string",
            "{\"type\":\"card\",\"pan\":\"3540990000001008\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | pan 354099******1008 fails the Luhn check",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"301\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"expiry\" must be YYMM (4 digits)",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3013\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"expiry\" month must be 01 to 12",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3000\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"expiry\" month must be 01 to 12",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"name\" must be 1 to 45 printable ASCII",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"   \",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"name\" must be 1 to 45 printable ASCII",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLMNOPQRS\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"name\" must be 1 to 45 printable ASCII",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"ヤマダ タロウ\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"ACTIVE\"} | \"name\" must be 1 to 45 printable ASCII",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000009\",\"limit\":3000,\"status\":\"ACTIVE\"} | card 354099******1001 refers to account A0000009, which is neither defined earlier in the file nor in the store",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":2999,\"status\":\"ACTIVE\"} | \"limit\" must be a whole number from 3000 to 50000",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":50001,\"status\":\"ACTIVE\"} | \"limit\" must be a whole number from 3000 to 50000",
            "{\"type\":\"card\",\"pan\":\"3540990000001001\",\"expiry\":\"3012\",\"name\":\"A B\",\"account\":\"A0000001\",\"limit\":3000,\"status\":\"LOST\"} | \"status\" must be one of [ACTIVE, FROZEN, PENDING, CLOSED]",
    })
    void rejectsAnInvalidLineWithItsNumberAndReasonAndUsesTheRest(String badLine, String expectedReason) throws IOException {
        ProvisioningReport report = load(ACCOUNT + "\n" + badLine + "\n" + CARD);
        assertEquals(1, report.rejectedCount(), report::describe);
        RejectedLine rejected = report.rejected().get(0);
        assertEquals(2, rejected.lineNumber());
        assertTrue(rejected.reason().startsWith(expectedReason), () -> rejected.reason());
        assertFalse(LONG_DIGIT_RUN.matcher(rejected.reason()).find(), "reason must not carry a PAN: " + rejected.reason());
        assertEquals(1, report.accountsAdded());
        assertEquals(1, report.cardsAdded(), "lines after the invalid one are used");
        assertEquals(1, store.cardCount());
    }

    @Test
    void rejectsAnOverlongLine() throws IOException {
        String padded = CARD.replace("}", ",\"pad\":\"" + "x".repeat(ProvisioningLoader.MAX_LINE_CHARS) + "\"}");
        ProvisioningReport report = load(ACCOUNT + "\n" + padded);
        assertEquals(List.of(new RejectedLine(2, "line longer than 4096 characters")), report.rejected());
    }

    @Test
    void cardBeforeItsAccountIsRejectedButAnAccountAlreadyInTheStoreIsFound() throws IOException {
        ProvisioningReport first = load(CARD + "\n" + ACCOUNT);
        assertEquals(1, first.rejectedCount());
        assertEquals(0, first.cardsAdded());
        ProvisioningReport second = load(CARD);
        assertTrue(second.allLinesUsed(), second::describe);
        assertEquals(1, second.cardsAdded());
    }

    @Test
    void reportsAFullStoreAsARejectedLine() throws IOException {
        store.close();
        store = new ChronicleStateStore(dataDir.resolve("small"), 1, 100);
        ProvisioningReport report = load(ACCOUNT + "\n" + CARD + "\n" + CARD.replace("3540990000001001", "3540990000001019"));
        assertEquals(1, report.cardsAdded());
        assertEquals(3, report.rejected().get(0).lineNumber());
        assertTrue(report.rejected().get(0).reason().contains("card store is full"), report::describe);
        assertTrue(report.rejected().get(0).reason().contains("354099******1019"), report::describe);
    }

    @Test
    void reimportingTheSameFileChangesNothing() throws IOException {
        String file = ACCOUNT + "\n" + ACCOUNT.replace("A0000001", "A0000002").replace("}", ",\"outstanding\":700}") + "\n"
                + CARD + "\n" + CARD.replace("3540990000001001", "3540990000001019").replace("A0000001", "A0000002");
        ProvisioningReport first = load(file);
        assertEquals(new ProvisioningReport(4, 2, 0, 2, 0, 0, List.of()), first);
        List<String> before = snapshot();
        ProvisioningReport second = load(file);
        assertEquals(new ProvisioningReport(4, 0, 2, 0, 2, 0, List.of()), second);
        assertEquals(before, snapshot());
        assertEquals(2, store.accountCount());
        assertEquals(2, store.cardCount());
    }

    @Test
    void reimportReplacesAttributesButKeepsOutstandingHoldsAndVelocity() throws IOException {
        load(ACCOUNT.replace("}", ",\"outstanding\":1500}") + "\n" + CARD);
        AccountState acct = new AccountState();
        store.readAccount(0, acct);
        store.writeAccount(acct.openHolds(4_000));
        CardState card = readCard("3540990000001001");
        card.velocity().record(1_763_000_000_000L);
        card.setNameCanonical("TARO YAMADA".getBytes(StandardCharsets.US_ASCII), 0, 11);
        store.writeCard(card);

        load(ACCOUNT.replace("50000", "80000").replace("GOOD", "DELINQUENT") + "\n"
                + CARD.replace("30000", "20000").replace("ACTIVE", "FROZEN"));
        store.readAccount(0, acct);
        assertEquals(80_000, acct.creditLimit());
        assertEquals(AccountStatus.DELINQUENT, acct.status());
        assertEquals(1_500, acct.outstanding(), "outstanding kept when the record does not give it");
        assertEquals(4_000, acct.openHolds());
        card = readCard("3540990000001001");
        assertEquals(20_000, card.limit());
        assertEquals(CardStatus.FROZEN, card.status());
        assertEquals(1, card.velocity().count());
        assertEquals("TARO YAMADA", card.nameCanonical().asString(), "unchanged name keeps its canonical form");

        load(ACCOUNT.replace("}", ",\"outstanding\":0}") + "\n" + CARD.replace("TARO YAMADA", "HANAKO SATO"));
        store.readAccount(0, acct);
        assertEquals(0, acct.outstanding(), "outstanding replaced when given");
        assertEquals(4_000, acct.openHolds());
        assertEquals(0, readCard("3540990000001001").nameCanonical().length(), "a new name drops the old canonical form");
    }

    @Test
    void cardCanMoveToAnotherAccount() throws IOException {
        load(ACCOUNT + "\n" + ACCOUNT.replace("A0000001", "A0000002") + "\n" + CARD);
        load(CARD.replace("\"account\":\"A0000001\"", "\"account\":\"A0000002\""));
        assertEquals(1, readCard("3540990000001001").accountIndex());
    }

    @Test
    void hookSeesEachCardBeforeItIsStored() throws IOException {
        ProvisioningReport report = ProvisioningLoader.load(new StringReader(ACCOUNT + "\n" + CARD), store, hasher,
                c -> c.setNameCanonical("CANON".getBytes(StandardCharsets.US_ASCII), 0, 5));
        assertTrue(report.allLinesUsed());
        assertEquals("CANON", readCard("3540990000001001").nameCanonical().asString());
    }

    private ProvisioningReport load(String text) throws IOException {
        return ProvisioningLoader.load(new StringReader(text), store, hasher);
    }

    private CardState readCard(String pan) {
        CardState card = new CardState();
        assertTrue(store.readCard(hasher.hash(pan, new PanKey()), card));
        return card;
    }

    private List<String> snapshot() {
        List<String> lines = new ArrayList<>();
        store.forEachAccount(a -> lines.add(a.toString()));
        List<String> cards = new ArrayList<>();
        store.forEachCard(c -> cards.add(c.panKey() + " " + c + " " + c.name() + " " + c.nameCanonical()));
        cards.sort(Comparator.naturalOrder());
        lines.addAll(cards);
        return lines;
    }
}
