package io.tatekae.testsupport;

import org.jpos.iso.ISOMsg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Background authorizations for tests that watch the switch's metrics from outside: a few
 * signed-on connections, each sending a paced mix of purchases (approvals, then 51 once credit runs
 * out) and some that decline (expired card, card not active), waiting for each answer.
 */
public final class AuthorizationLoad implements AutoCloseable {
    private static final TestCards[] MIX = {
            TestCards.TARO, TestCards.HANAKO, TestCards.TARO, TestCards.EXPIRED, TestCards.TARO,
            TestCards.HANAKO, TestCards.FROZEN, TestCards.TARO, TestCards.SPARE, TestCards.SMALL_CREDIT};

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private AuthorizationLoad(TestSwitch sw, int connections, int perSecondEach) {
        long gapNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecondEach);
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> run(sw, gapNanos), "authorization-load-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /** Starts {@code connections} connections sending about {@code perSecondEach} requests a second each. */
    public static AuthorizationLoad start(TestSwitch sw, int connections, int perSecondEach) {
        AuthorizationLoad load = new AuthorizationLoad(sw, connections, perSecondEach);
        load.threads.forEach(Thread::start);
        return load;
    }

    private void run(TestSwitch sw, long gapNanos) {
        try (IsoTestClient c = sw.connectSignedOn()) {
            long next = System.nanoTime();
            for (int i = 0; running; i++) {
                TestCards card = MIX[i % MIX.length];
                ISOMsg r = c.request(card.purchase(100 + (i % 7) * 1000L, c.nextStan()));
                if (r.getString(39) == null) {
                    throw new IllegalStateException("a response without DE 39");
                }
                answered.incrementAndGet();
                next += gapNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure.set(e);
            }
        }
    }

    /** Responses received so far. */
    public long answered() {
        return answered.get();
    }

    /** Throws what made a load thread stop, if anything did. */
    public void checkHealthy() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("the authorization load stopped: " + t, t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
