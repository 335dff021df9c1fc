package io.tatekae.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Billing months and due dates in the policy's zone (Japan time). A month is an int YYYYMM; a date an
 * int YYYYMMDD. A month runs from 00:00 on its 1st to the end of its last day; its statement is due on
 * {@code dueDay} of the next month, to the end of that day.
 */
public final class BillingCalendar {
    private final ZoneId zone;
    private final int dueDay;
    // The month of the last lookup, so that monthOf is a comparison most of the time.
    private int cachedMonth;
    private long cachedFrom = Long.MAX_VALUE;
    private long cachedUntil = Long.MIN_VALUE;

    public BillingCalendar(ZoneId zone, int dueDay) {
        if (dueDay < 1 || dueDay > 28) {
            throw new IllegalArgumentException("due day must be 1..28, got " + dueDay);
        }
        this.zone = zone;
        this.dueDay = dueDay;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The month (YYYYMM) that {@code millis} falls in. */
    public int monthOf(long millis) {
        if (millis < cachedFrom || millis >= cachedUntil) {
            LocalDate day = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
            cachedMonth = day.getYear() * 100 + day.getMonthValue();
            cachedFrom = monthStart(cachedMonth);
            cachedUntil = monthStart(next(cachedMonth));
        }
        return cachedMonth;
    }

    /** 00:00 on the month's 1st, as epoch ms. */
    public long monthStart(int month) {
        return yearMonth(month).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The first instant after the month: 00:00 on the next month's 1st. */
    public long monthEnd(int month) {
        return monthStart(next(month));
    }

    /** The due date (YYYYMMDD) of the month's statement. */
    public int dueDate(int month) {
        int following = next(month);
        return following * 100 + dueDay;
    }

    /** The first instant after the due date: from here an unpaid statement is past due. */
    public long dueEnd(int month) {
        return yearMonth(next(month)).atDay(dueDay).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public static int next(int month) {
        return month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;
    }

    public static int previous(int month) {
        return month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1;
    }

    /** "YYYY-MM". */
    public static String monthText(int month) {
        return String.format("%04d-%02d", month / 100, month % 100);
    }

    /** "YYYY-MM-DD". */
    public static String dateText(int date) {
        return String.format("%04d-%02d-%02d", date / 10_000, date / 100 % 100, date % 100);
    }

    /** Parses "YYYY-MM" (a month of 2000..2999); -1 when it is not one. */
    public static int parseMonth(String text) {
        if (text == null || !text.matches("2[0-9]{3}-(0[1-9]|1[0-2])")) {
            return -1;
        }
        return Integer.parseInt(text.substring(0, 4)) * 100 + Integer.parseInt(text.substring(5));
    }

    private static YearMonth yearMonth(int month) {
        return YearMonth.of(month / 100, month % 100);
    }
}
