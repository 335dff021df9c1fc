package io.tatekae.billing;

import io.tatekae.app.CardProvisioner;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.state.CardState;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.Luhn;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Never reused, even across restarts and crashes" without keeping any PAN: a random PAN the state store
 * already has (a closed card's included) or the journal says was issued is never issued again. The
 * random digits are forced to repeat here; the state store is a real one.
 */
class CardIssuerTest {
    private static final byte[] KEY = "tatekae-demo-pan-hash-key-000001".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** Always the same digits: every PAN it would make is the same one. */
    private static RandomGenerator stuck(int digit) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return digit;
            }

            @Override
            public int nextInt(int bound) {
                return digit % bound;
            }
        };
    }

    /** The same digits twice: 0 then 1 for each PAN, repeating the sequence on each new PAN. */
    private static RandomGenerator cycling() {
        return new RandomGenerator() {
            private int calls;

            @Override
            public long nextLong() {
                return calls++;
            }

            @Override
            public int nextInt(int bound) {
                return (calls++ / 9) % bound; // a new PAN (9 random digits) every 9 calls: 000000000, 111111111, ...
            }
        };
    }

    @Test
    void aPanTheStoreOrTheJournalKnowsIsNeverIssuedAgain() throws Exception {
        try (StateStore store = new ChronicleStateStore(dir, 100, 10)) {
            PanHasher hasher = new PanHasher(KEY);
            String closedPan = Luhn.withCheckDigit("354099000000000");
            new CardProvisioner(store, hasher).load(new StringReader(
                    "{\"type\":\"account\",\"id\":\"E1\",\"creditLimit\":50000,\"plan\":\"STANDARD\",\"status\":\"GOOD\","
                            + "\"kycVerified\":true,\"history\":{\"statementsClosed\":2,\"purchases\":3,\"purchaseYen\":3000}}\n"
                            + "{\"type\":\"card\",\"pan\":\"" + closedPan + "\",\"expiry\":\"2812\",\"name\":\"OLD CARD\","
                            + "\"account\":\"E1\",\"limit\":3000,\"status\":\"CLOSED\"}\n"));
            BillingSettings settings = new BillingSettings(209, 300, 10, 50_000, 100_000,
                    new Ladder(List.of(3_000L, 5_000L)), ZoneId.of("Asia/Tokyo"), new Eligibility.Rules(2, 3, 3_000));
            BillingState state = new BillingState(settings);
            Billing billing = new Billing(settings, state, store, BillingLog.NONE, new CardIndex());
            AccountViews views = new AccountViews(billing, store, settings.eligibility());
            Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210"));
            CardIssuer.Settings bin = new CardIssuer.Settings("354099", 16, 5);
            long now = MutableClock.at("2026-12-05T10:00:00");

            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> new CardIssuer(billing, views, store, hasher, cav2, bin, stuck(0)).issue(0, "TARO YAMADA", now));
            assertTrue(full.getMessage().contains("no unused PAN"), full.getMessage());
            assertTrue(!full.getMessage().contains(closedPan), "the message names no PAN");

            CardIssuer issuer = new CardIssuer(billing, views, store, hasher, cav2, bin, cycling());
            CardIssuer.Issued first = assertInstanceOf(CardIssuer.Issued.class, issuer.issue(0, "TARO YAMADA", now));
            assertEquals(Luhn.withCheckDigit("354099111111111"), first.pan(),
                    "000000000 is the closed card's: the next random digits");
            billing.committed();

            CardIssuer again = new CardIssuer(billing, views, store, hasher, cav2, bin, cycling());
            CardIssuer.Issued second = assertInstanceOf(CardIssuer.Issued.class, again.issue(0, "TARO YAMADA", now));
            assertEquals(Luhn.withCheckDigit("354099222222222"), second.pan(), "both earlier ones are taken");
            assertTrue(!first.toString().contains(first.pan()) && first.toString().contains("354099******"),
                    "an issued card prints masked: " + first);

            // The state files lost the card, but the journal (billing's state) says it was issued: still never again.
            try (StateStore lost = new ChronicleStateStore(dir.resolve("lost"), 100, 10)) {
                new CardProvisioner(lost, hasher).load(new StringReader("{\"type\":\"account\",\"id\":\"E1\","
                        + "\"creditLimit\":50000,\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true,"
                        + "\"history\":{\"statementsClosed\":2,\"purchases\":3,\"purchaseYen\":3000}}\n"));
                Billing recovered = new Billing(settings, state, lost, BillingLog.NONE, new CardIndex());
                PanKey key = new PanKey();
                hasher.hash(first.pan().getBytes(StandardCharsets.US_ASCII), 0, 16, key);
                assertTrue(!lost.readCard(key, new CardState()) && recovered.issuedBefore(key.hi(), key.lo()));
                CardIssuer afterLoss = new CardIssuer(recovered, new AccountViews(recovered, lost, settings.eligibility()),
                        lost, hasher, cav2, bin, stuck(1));
                assertThrows(IllegalStateException.class, () -> afterLoss.issue(0, "TARO YAMADA", now),
                        "111111111 is the only PAN this generator makes, and it was issued");
            }
        }
    }
}
