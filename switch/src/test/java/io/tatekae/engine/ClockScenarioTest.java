package io.tatekae.engine;

import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What depends on the switch's clock: expiry in Japan time, the rolling velocity window, hold lifetime. */
class ClockScenarioTest {
    /** 2030-12-31 23:59:59 in Tokyo: the last second of the test cards' expiry month (3012). */
    private static final Instant LAST_SECOND_OF_EXPIRY_MONTH = Instant.parse("2030-12-31T14:59:59Z");

    @TempDir
    Path dir;
    private final AtomicLong nowMillis = new AtomicLong(Instant.parse("2026-11-23T03:00:00Z").toEpochMilli());
    private TestSwitch sw;
    private Scenario s;

    @BeforeEach
    void start() {
        InstantSource clock = () -> Instant.ofEpochMilli(nowMillis.get());
        sw = TestSwitch.builder(dir).clock(clock).start();
        s = new Scenario(sw);
    }

    @AfterEach
    void stop() {
        s.close();
        sw.close();
    }

    private void advance(Duration d) {
        nowMillis.addAndGet(d.toMillis());
    }

    @Test
    void cardIsUsableThroughTheLastDayOfItsExpiryMonthInJapanTime() {
        nowMillis.set(LAST_SECOND_OF_EXPIRY_MONTH.toEpochMilli());
        s.approve(purchase(TestCards.TARO, 1_000));
        advance(Duration.ofSeconds(1)); // 2031-01-01 00:00:00 in Tokyo, still 2030-12-31 in UTC
        assertDeclined(s.send(purchase(TestCards.TARO, 1_000)), "54", "1001");
    }

    @Test
    void velocityWindowRolls() {
        TestCards card = TestCards.VELOCITY;
        for (int i = 0; i < 10; i++) {
            s.approve(purchase(card, 100));
            advance(Duration.ofMinutes(1));
        }
        assertDeclined(s.send(purchase(card, 100)), "65", "1023");
        // 24 h after the first approval only nine remain in the window; after the second, eight.
        advance(Duration.ofHours(24).minusMinutes(10).plusSeconds(1));
        s.approve(purchase(card, 100));
        assertDeclined(s.send(purchase(card, 100)), "65", "1023");
        advance(Duration.ofMinutes(1));
        s.approve(purchase(card, 100));
        assertDeclined(s.send(purchase(card, 100)), "65", "1023");
    }

    @Test
    void holdExpiresAfterItsLifetimeAndItsCreditReturns() throws InterruptedException {
        TestCards card = TestCards.SPARE;
        ISOMsg r = s.approve(purchase(card, 6_000));
        assertEquals(44_000, Messages.de54(r));
        advance(Duration.ofDays(7).minusMinutes(1));
        Thread.sleep(1_500); // at least one expiry tick runs at this time
        assertEquals(44_000, s.available(card));
        advance(Duration.ofMinutes(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long available = s.available(card);
        while (available != 50_000 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            available = s.available(card);
        }
        assertEquals(50_000, available, "the expired hold's credit is released by the next tick");
    }
}
