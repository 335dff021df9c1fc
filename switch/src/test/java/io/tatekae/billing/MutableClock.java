package io.tatekae.billing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** The switch's injected clock, moved by the test; times are given in Japan time. */
final class MutableClock implements InstantSource {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private final AtomicLong millis = new AtomicLong();

    MutableClock(String japanTime) {
        set(japanTime);
    }

    /** "2026-11-30T23:59:59" or with a fraction, "2026-12-01T00:00:00.300", in Japan time. */
    MutableClock set(String japanTime) {
        millis.set(at(japanTime));
        return this;
    }

    static long at(String japanTime) {
        return LocalDateTime.parse(japanTime).atZone(JAPAN).toInstant().toEpochMilli();
    }

    void advanceMillis(long delta) {
        millis.addAndGet(delta);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
