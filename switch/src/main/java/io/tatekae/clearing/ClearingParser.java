package io.tatekae.clearing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatekae.state.Luhn;
import io.tatekae.state.MaskedPan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the clearing file (UTF-8 JSON Lines, profile §8): valid lines become {@link ClearingLine}s,
 * invalid ones are reported by line number and skipped. Unknown keys are ignored. Off the decision
 * thread. Messages never show a PAN beyond its first 6 and last 4 digits.
 */
public final class ClearingParser {
    public static final int MAX_LINE_CHARS = 4_096;
    public static final int MAX_LINES = 1_000_000;
    /** A cleared amount above this is refused as implausible for the card product (max credit line 10,000,000). */
    public static final long MAX_AMOUNT = 10_000_000;
    private static final String YEN = "392";

    /** Valid lines in file order, and the rejected ones. */
    public record Result(List<ClearingLine> lines, List<String> rejected) {
    }

    private ClearingParser() {
    }

    public static Result parse(String text) {
        List<ClearingLine> lines = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String raw;
            int number = 0;
            while ((raw = reader.readLine()) != null) {
                number++;
                if (number > MAX_LINES) {
                    rejected.add("line " + number + " and after: the file has more than " + MAX_LINES + " lines; split it");
                    break;
                }
                if (raw.isBlank()) {
                    continue;
                }
                try {
                    lines.add(parseLine(number, raw));
                } catch (InvalidLine e) {
                    rejected.add("line " + number + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(lines, rejected);
    }

    static ClearingLine parseLine(int number, String raw) throws InvalidLine {
        JsonNode node = JsonLine.object(raw, MAX_LINE_CHARS, InvalidLine::new);
        ClearingLine.Type type = type(node);
        String pan = pan(node);
        String authCode = optionalText(node, "authCode", 6);
        String rrn = optionalText(node, "rrn", 12);
        long amount = amount(node);
        String currency = optionalText(node, "currency", 3);
        if (!currency.isEmpty() && !currency.equals(YEN)) {
            throw new InvalidLine("currency: " + currency + " is not yen (" + YEN + ")");
        }
        long id = postingId(type.name(), pan, authCode, rrn, optionalText(node, "acquirer", 11),
                Long.toString(amount), optionalText(node, "merchantId", 15), optionalText(node, "date", 10));
        return new ClearingLine(number, type, pan, authCode, rrn, amount, id);
    }

    private static ClearingLine.Type type(JsonNode node) throws InvalidLine {
        JsonNode t = node.get("type");
        if (t == null || !t.isTextual()) {
            throw new InvalidLine("type: missing (PURCHASE or REFUND)");
        }
        return switch (t.asText()) {
            case "PURCHASE" -> ClearingLine.Type.PURCHASE;
            case "REFUND" -> ClearingLine.Type.REFUND;
            default -> throw new InvalidLine("type: must be PURCHASE or REFUND");
        };
    }

    private static String pan(JsonNode node) throws InvalidLine {
        JsonNode p = node.get("pan");
        if (p == null || !p.isTextual()) {
            throw new InvalidLine("pan: missing");
        }
        String pan = p.asText();
        if (pan.length() < 12 || pan.length() > 19 || !pan.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidLine("pan: must be 12 to 19 digits");
        }
        if (!Luhn.isValid(pan)) {
            throw new InvalidLine("pan " + MaskedPan.of(pan) + ": fails the Luhn check");
        }
        return pan;
    }

    private static long amount(JsonNode node) throws InvalidLine {
        JsonNode a = node.get("amount");
        if (a == null || !a.isIntegralNumber() || !a.canConvertToLong()) {
            throw new InvalidLine("amount: missing or not a whole number of yen");
        }
        long amount = a.asLong();
        if (amount < 1 || amount > MAX_AMOUNT) {
            throw new InvalidLine("amount: " + amount + " is outside 1.." + MAX_AMOUNT);
        }
        return amount;
    }

    private static String optionalText(JsonNode node, String key, int maxLength) throws InvalidLine {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual() || v.asText().length() > maxLength
                || !v.asText().chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidLine(key + ": must be printable ASCII text of at most " + maxLength + " characters");
        }
        return v.asText();
    }

    /** 63 bits of SHA-256 over the fields that identify a presentment; never 0. */
    public static long postingId(String... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String f : fields) {
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1F);
            }
            long id = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }
}
