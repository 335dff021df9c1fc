package io.tatekae.billing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An account's points as the ledger counts them (issuer-policy.md "Points", billing.md §7), kept on the
 * decision thread so that a redemption sees exactly what the next one will: entries of points with
 * the instant they expire; purchases add, refunds take back what their amount earned, and a
 * redemption takes from the oldest lots first, each part expiring with the lot it came from. The
 * balance is the sum of the entries not yet expired, never below 0.
 */
public final class Points {
    /** Points expire 6 calendar months after they were earned, in Japan time (as the ledger counts them). */
    static final int EXPIRY_MONTHS = 6;
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int FIELDS = 3; // expiresAt, points (+ earned, - taken back or redeemed), spent from this lot

    private long[] entries = new long[4 * FIELDS];
    private int count;

    /** Points a posted purchase of {@code yen} earns: per full 200 yen, 3 on PLUS (plan code 2), else 1. */
    public static long pointsFor(long yen, int planCode) {
        return yen <= 0 ? 0 : (yen / 200) * (planCode == 2 ? 3 : 1);
    }

    public static long expiresAt(long earnedAtMillis) {
        return Instant.ofEpochMilli(earnedAtMillis).atZone(JAPAN).plusMonths(EXPIRY_MONTHS).toInstant().toEpochMilli();
    }

    void earn(long points, long atMillis) {
        if (points > 0) {
            add(expiresAt(atMillis), points, atMillis);
        }
    }

    void takeBack(long points, long atMillis) {
        if (points > 0) {
            add(expiresAt(atMillis), -points, atMillis);
        }
    }

    /** Records a part of a redemption taken from the lot that expires at {@code lotExpiresAt}. */
    void redeemed(long points, long lotExpiresAt, long atMillis) {
        for (int i = 0; i < count; i++) {
            int at = i * FIELDS;
            if (entries[at] == lotExpiresAt && entries[at + 1] > 0 && entries[at + 1] - entries[at + 2] >= points) {
                entries[at + 2] += points;
                break;
            }
        }
        add(lotExpiresAt, -points, atMillis);
    }

    /** The balance at {@code nowMillis}: the entries not yet expired, never below 0. */
    public long balance(long nowMillis) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            if (entries[i * FIELDS] > nowMillis) {
                sum += entries[i * FIELDS + 1];
            }
        }
        return Math.max(0, sum);
    }

    /**
     * Splits a redemption of {@code points} over the lots, oldest first: pairs of (points, expiry of the
     * lot they come from). The caller checked that the balance covers it.
     */
    long[] planRedemption(long points, long nowMillis) {
        long[] parts = new long[0];
        long left = points;
        for (int i : oldestLotsFirst(nowMillis)) {
            if (left == 0) {
                break;
            }
            int at = i * FIELDS;
            long take = Math.min(left, entries[at + 1] - entries[at + 2]);
            if (take > 0) {
                parts = Arrays.copyOf(parts, parts.length + 2);
                parts[parts.length - 2] = take;
                parts[parts.length - 1] = entries[at];
                left -= take;
            }
        }
        if (left > 0) {
            throw new IllegalStateException("points: " + left + " of " + points + " could not be taken from any lot");
        }
        return parts;
    }

    private int[] oldestLotsFirst(long nowMillis) {
        return IntStream.range(0, count)
                .filter(i -> entries[i * FIELDS] > nowMillis && entries[i * FIELDS + 1] > 0)
                .boxed().sorted((a, b) -> Long.compare(entries[a * FIELDS], entries[b * FIELDS]))
                .mapToInt(Integer::intValue).toArray();
    }

    private void add(long expiresAt, long points, long nowMillis) {
        prune(nowMillis);
        if ((count + 1) * FIELDS > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        int at = count * FIELDS;
        entries[at] = expiresAt;
        entries[at + 1] = points;
        entries[at + 2] = 0;
        count++;
    }

    /** Drops the entries expired at {@code nowMillis}: they count for nothing from then on. */
    private void prune(long nowMillis) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (entries[i * FIELDS] > nowMillis) {
                System.arraycopy(entries, i * FIELDS, entries, kept * FIELDS, FIELDS);
                kept++;
            }
        }
        count = kept;
    }

    /** The entries as they stand (for the snapshots): triples of expiry, points, spent. */
    long[] entries() {
        return Arrays.copyOf(entries, count * FIELDS);
    }

    static Points of(long[] triples) {
        if (triples.length % FIELDS != 0) {
            throw new IllegalArgumentException("points: " + triples.length + " values are not whole entries");
        }
        Points p = new Points();
        p.entries = Arrays.copyOf(triples, Math.max(triples.length, 4 * FIELDS));
        p.count = triples.length / FIELDS;
        return p;
    }

    Points copy() {
        Points p = new Points();
        p.entries = Arrays.copyOf(entries, entries.length);
        p.count = count;
        return p;
    }
}
