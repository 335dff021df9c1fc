package io.tatekae.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.state.Luhn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cards of a provisioning file (profile §8), sorted by what a request on them must get: cards that
 * approve (active, good account that no other card shares, unexpired, enough credit for every
 * approval the velocity rule allows), and one card per kind of decline that needs its own card.
 */
final class CardPool {
    final List<LoadCard> approving = new ArrayList<>();
    LoadCard notActive;
    LoadCard delinquent;
    LoadCard expired;
    LoadCard lowCredit;

    /** Reads {@code file}; an approving card needs {@code creditNeeded} yen of available credit. */
    static CardPool read(Path file, long creditNeeded, String cvkA, String cvkB) throws IOException {
        Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex(cvkA, cvkB));
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> accounts = new HashMap<>();
        Map<String, Integer> cardsPerAccount = new HashMap<>();
        List<JsonNode> cards = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (IOException e) {
                    throw new IOException(file + " line " + number + ": not JSON: " + e.getMessage());
                }
                switch (n.path("type").asText()) {
                    case "account" -> accounts.put(n.path("id").asText(), n);
                    case "card" -> {
                        cards.add(n);
                        cardsPerAccount.merge(n.path("account").asText(), 1, Integer::sum);
                    }
                    default -> throw new IOException(file + " line " + number + ": \"type\" must be account or card");
                }
            }
        }
        CardPool pool = new CardPool();
        YearMonth thisMonth = YearMonth.now(ZoneId.of("Asia/Tokyo"));
        for (JsonNode c : cards) {
            pool.classify(c, accounts.get(c.path("account").asText()), cardsPerAccount, thisMonth, creditNeeded, cav2);
        }
        if (pool.approving.size() < 3) {
            throw new IOException(file + ": " + pool.approving.size() + " cards can approve (active, good account of their own,"
                    + " unexpired, " + creditNeeded + " yen available); the tester needs at least 3");
        }
        return pool;
    }

    /** The card whose velocity allowance is used up before a session, for the velocity declines: the last approving one. */
    LoadCard velocityCard() {
        return approving.getLast();
    }

    /** Cards for the declines that need a card of their own (frozen, delinquent, expired, low credit). */
    int specialCount() {
        return (notActive == null ? 0 : 1) + (delinquent == null ? 0 : 1) + (expired == null ? 0 : 1) + (lowCredit == null ? 0 : 1);
    }

    /** The approving cards requests cycle through: all but the velocity card. */
    int cycleSize() {
        return approving.size() - 1;
    }

    private void classify(JsonNode c, JsonNode account, Map<String, Integer> cardsPerAccount, YearMonth thisMonth,
                          long creditNeeded, Cav2Calculator calculator) {
        if (account == null) {
            return;
        }
        String pan = c.path("pan").asText();
        String expiry = c.path("expiry").asText();
        byte[] p = pan.getBytes(StandardCharsets.US_ASCII);
        String cav2 = String.format("%03d", calculator.compute(p, 0, p.length, Integer.parseInt(expiry),
                Cav2Calculator.CAV2_SERVICE_CODE));
        long available = Math.min(c.path("limit").asLong(), account.path("creditLimit").asLong())
                - account.path("outstanding").asLong(0);
        LoadCard card = new LoadCard(pan, expiry, c.path("name").asText(), cav2, available);
        YearMonth expires = YearMonth.of(2000 + Integer.parseInt(expiry.substring(0, 2)), Integer.parseInt(expiry.substring(2)));
        boolean alone = cardsPerAccount.get(c.path("account").asText()) == 1;
        if (!"ACTIVE".equals(c.path("status").asText())) {
            notActive = notActive == null ? card : notActive;
        } else if ("DELINQUENT".equals(account.path("status").asText())) {
            delinquent = delinquent == null ? card : delinquent;
        } else if (expires.isBefore(thisMonth)) {
            expired = expired == null ? card : expired;
        } else if (!alone || !expires.isAfter(thisMonth)) {
            return; // shared credit lines and cards expiring this month have answers that depend on other traffic or time
        } else if (available >= creditNeeded) {
            approving.add(card);
        } else if (available < 50_000 && (lowCredit == null || available < lowCredit.available())) {
            lowCredit = card;
        }
    }

    /** Writes a provisioning file of {@code count} approving cards (one account each) plus the decline cards. */
    static void writeLoadCards(Path file, int count) throws IOException {
        if (count < 2 || count > 10_000_000) {
            throw new IllegalArgumentException("--count must be 2..10000000, not " + count);
        }
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String id = String.format("L%09d", i);
                out.write("{\"type\":\"account\",\"id\":\"" + id + "\",\"creditLimit\":50000,\"plan\":\"STANDARD\","
                        + "\"status\":\"GOOD\",\"kycVerified\":true,\"outstanding\":0}\n");
                out.write("{\"type\":\"card\",\"pan\":\"" + pan("354091", i) + "\",\"expiry\":\"3012\",\"name\":\"TARO YAMADA\","
                        + "\"account\":\"" + id + "\",\"limit\":50000,\"status\":\"ACTIVE\"}\n");
            }
            special(out, 0, "FROZEN", "GOOD", "3012", 50000, 50000);
            special(out, 1, "ACTIVE", "DELINQUENT", "3012", 50000, 50000);
            special(out, 2, "ACTIVE", "GOOD", "2401", 50000, 50000);
            special(out, 3, "ACTIVE", "GOOD", "3012", 3000, 3000);
        }
    }

    private static void special(Writer out, int i, String cardStatus, String accountStatus, String expiry,
                                long cardLimit, long creditLimit) throws IOException {
        String id = String.format("S%09d", i);
        out.write("{\"type\":\"account\",\"id\":\"" + id + "\",\"creditLimit\":" + creditLimit + ",\"plan\":\"STANDARD\","
                + "\"status\":\"" + accountStatus + "\",\"kycVerified\":true,\"outstanding\":0}\n");
        out.write("{\"type\":\"card\",\"pan\":\"" + pan("354092", i) + "\",\"expiry\":\"" + expiry + "\",\"name\":\"HANAKO SATO\","
                + "\"account\":\"" + id + "\",\"limit\":" + cardLimit + ",\"status\":\"" + cardStatus + "\"}\n");
    }

    /** A 16-digit Luhn-valid PAN: 6-digit prefix, 9-digit serial, check digit. */
    static String pan(String prefix, long serial) {
        return Luhn.withCheckDigit(prefix + String.format("%09d", serial));
    }
}
