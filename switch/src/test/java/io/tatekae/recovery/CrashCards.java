package io.tatekae.recovery;

import io.tatekae.state.Luhn;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import org.jpos.iso.ISOMsg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enough cards for a crash run that velocity (at most 32 approvals per card a day) does not turn the
 * load into declines: {@code accounts} accounts with two cards each, written as a provisioning file.
 */
final class CrashCards {
    static final String EXPIRY = "3012";
    static final String NAME = "KEN KURASHU";
    /** Also the card limit: the provisioning range tops out at 50,000 and credit is min(card, account). */
    static final long CREDIT_LIMIT = 50_000;

    record Card(String pan, String account) {
        ISOMsg purchase(long amount, String stan) {
            return Messages.purchase(pan, EXPIRY, NAME, amount, stan);
        }
    }

    private final List<Card> cards = new ArrayList<>();
    private final List<String> accounts = new ArrayList<>();

    CrashCards(int accountCount) {
        for (int a = 0; a < accountCount; a++) {
            String account = String.format("C%07d", a);
            accounts.add(account);
            cards.add(new Card(pan(2 * a), account));
            cards.add(new Card(pan(2 * a + 1), account));
        }
    }

    List<Card> cards() {
        return cards;
    }

    List<String> accounts() {
        return accounts;
    }

    /** The first card of the account. */
    Card cardOf(String account) {
        return cards.get(2 * accounts.indexOf(account));
    }

    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < accounts.size(); a++) {
            lines.add("{\"type\":\"account\",\"id\":\"" + accounts.get(a) + "\",\"creditLimit\":" + CREDIT_LIMIT
                    + ",\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true}");
            for (Card c : cards.subList(2 * a, 2 * a + 2)) {
                lines.add("{\"type\":\"card\",\"pan\":\"" + c.pan() + "\",\"expiry\":\"" + EXPIRY + "\",\"name\":\"" + NAME
                        + "\",\"account\":\"" + c.account() + "\",\"limit\":" + CREDIT_LIMIT + ",\"status\":\"ACTIVE\"}");
            }
        }
        Files.write(file, lines);
    }

    private static String pan(int n) {
        return Luhn.withCheckDigit("354099" + String.format("%09d", 500_000_000 + n));
    }

    /** Each account's available credit as the switch answers a balance inquiry on {@code client}, which this closes. */
    Map<String, Long> availablePerAccount(IsoTestClient client) {
        Map<String, Long> available = new LinkedHashMap<>();
        try (IsoTestClient c = client) {
            for (String account : accounts()) {
                Card card = cardOf(account);
                available.put(account, Wire.available(c, card.pan(), EXPIRY, NAME, Wire.stan()));
            }
        }
        return available;
    }
}
