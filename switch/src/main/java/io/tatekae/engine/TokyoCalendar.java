package io.tatekae.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The current month (YYMM) in the policy's zone, recomputed only when the clock crosses a month
 * boundary, so the expiry check allocates nothing on the hot path.
 */
final class TokyoCalendar {
    private final ZoneId zone;
    private int currentYymm;
    private long validFromMillis = Long.MAX_VALUE;
    private long validUntilMillis = Long.MIN_VALUE;

    TokyoCalendar(ZoneId zone) {
        this.zone = zone;
    }

    int yymm(long nowMillis) {
        if (nowMillis < validFromMillis || nowMillis >= validUntilMillis) {
            ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(zone);
            ZonedDateTime monthStart = now.withDayOfMonth(1).toLocalDate().atStartOfDay(zone);
            currentYymm = (now.getYear() % 100) * 100 + now.getMonthValue();
            validFromMillis = monthStart.toInstant().toEpochMilli();
            validUntilMillis = monthStart.plusMonths(1).toInstant().toEpochMilli();
        }
        return currentYymm;
    }

    /** A card is usable through the last day of its expiry month. YY is read as 20YY. */
    boolean expired(int cardYymm, long nowMillis) {
        return cardYymm < yymm(nowMillis);
    }
}
