package io.tatekae.ledger;

import java.time.Instant;
import java.time.ZoneId;

/** Points expire 6 calendar months after they were earned, counted in Japan time. */
final class PointsExpiry {
    static final int MONTHS = 6;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private PointsExpiry() {
    }

    static long expiresAt(long earnedAtMillis) {
        return Instant.ofEpochMilli(earnedAtMillis).atZone(JAPAN).plusMonths(MONTHS).toInstant().toEpochMilli();
    }
}
