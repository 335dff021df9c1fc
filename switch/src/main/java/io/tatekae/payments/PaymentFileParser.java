package io.tatekae.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatekae.billing.PaymentMethod;
import io.tatekae.clearing.ClearingParser;
import io.tatekae.clearing.JsonLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payment agents' daily file: UTF-8 JSON Lines, one {@code "type":"PAYMENT"} object a line,
 * unknown keys ignored. A line that is not valid is reported with its number and why, and skipped.
 * Off the decision thread.
 */
public final class PaymentFileParser {
    public static final int MAX_LINE_CHARS = 4_096;
    public static final int MAX_LINES = 1_000_000;
    public static final long MAX_AMOUNT = 100_000_000;
    /** A payment id (the agent's reference) is printable ASCII without spaces, at most this long. */
    public static final int MAX_ID_CHARS = 45;
    /** paidAt may be this far ahead of the switch's clock (the agents' clocks are not ours). */
    public static final long CLOCK_SKEW_MILLIS = 5 * 60_000;
    private static final long EARLIEST_PAID_AT = OffsetDateTime.parse("2000-01-01T00:00:00+09:00").toInstant().toEpochMilli();

    /** The valid lines in file order, the rejected ones as (line number, reason), and how many lines were read. */
    public record Result(List<PaymentLine> lines, List<Rejected> rejected, int linesRead) {
    }

    public record Rejected(int line, String reason) {
    }

    private PaymentFileParser() {
    }

    /** Parses the file; {@code nowMillis} bounds paidAt (a payment cannot have been made in the future). */
    public static Result parse(String text, long nowMillis) {
        List<PaymentLine> lines = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int number = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                number++;
                if (number > MAX_LINES) {
                    rejected.add(new Rejected(number, "the file has more than " + MAX_LINES + " lines; split it"));
                    break;
                }
                if (raw.isBlank()) {
                    continue;
                }
                try {
                    lines.add(parseLine(number, raw, nowMillis));
                } catch (InvalidLine e) {
                    rejected.add(new Rejected(number, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(lines, rejected, number);
    }

    static PaymentLine parseLine(int number, String raw, long nowMillis) throws InvalidLine {
        JsonNode node = JsonLine.object(raw, MAX_LINE_CHARS, InvalidLine::new);
        JsonNode type = node.get("type");
        if (type == null || !"PAYMENT".equals(type.asText(null))) {
            throw new InvalidLine("type: must be PAYMENT");
        }
        String id = text(node, "id", MAX_ID_CHARS);
        String account = text(node, "account", 16);
        JsonNode a = node.get("amount");
        if (a == null || !a.isIntegralNumber() || !a.canConvertToLong() || a.asLong() < 1 || a.asLong() > MAX_AMOUNT) {
            throw new InvalidLine("amount: must be a whole number of yen, 1.." + MAX_AMOUNT);
        }
        JsonNode m = node.get("method");
        PaymentMethod method = m == null || !m.isTextual() ? null : PaymentMethod.named(m.asText());
        if (method == null) {
            throw new InvalidLine("method: must be CONVENIENCE_STORE, BANK_ATM, PAY_EASY or DIRECT_DEBIT");
        }
        long paidAt = paidAt(node, nowMillis);
        return new PaymentLine(number, id, account, a.asLong(), method, paidAt, postingId(id));
    }

    /** The idempotency key of a payment id, shared with the single payment command. */
    public static long postingId(String id) {
        return ClearingParser.postingId("PAYMENT", id);
    }

    /** paidAt: an ISO 8601 date and time with its offset, e.g. 2026-12-09T18:04:11+09:00. */
    public static long paidAt(JsonNode node, long nowMillis) throws InvalidLine {
        JsonNode p = node.get("paidAt");
        if (p == null || !p.isTextual()) {
            throw new InvalidLine("paidAt: missing (a date and time with its offset, e.g. 2026-12-09T18:04:11+09:00)");
        }
        long millis;
        try {
            millis = OffsetDateTime.parse(p.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidLine("paidAt: not a date and time with its offset, e.g. 2026-12-09T18:04:11+09:00");
        }
        if (millis > nowMillis + CLOCK_SKEW_MILLIS) {
            throw new InvalidLine("paidAt: in the future");
        }
        if (millis < EARLIEST_PAID_AT) {
            throw new InvalidLine("paidAt: before 2000");
        }
        return millis;
    }

    private static String text(JsonNode node, String key, int max) throws InvalidLine {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max
                || !v.asText().chars().allMatch(c -> c > 0x20 && c <= 0x7e)) {
            throw new InvalidLine(key + ": must be 1.." + max + " printable ASCII characters without spaces");
        }
        return v.asText();
    }

    /** Why a line cannot be used; the message names the field, never a value that could be a card number. */
    public static final class InvalidLine extends Exception {
        public InvalidLine(String message) {
            super(message, null, false, false);
        }
    }
}
