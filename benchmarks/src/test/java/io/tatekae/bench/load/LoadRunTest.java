package io.tatekae.bench.load;

import io.tatekae.spec.ProfileSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender against a real echo server over TCP, with its own thread stalled for 200 ms once, as a
 * pause of the tester's would: the requests that fell due meanwhile count as late from their due time
 * (not from when they finally went out), and each still goes out in a write of its own.
 */
class LoadRunTest {
    private static final long STALL_NANOS = 200_000_000L;
    private static final int RATE = 2_000;
    private static final int STALL_AT = 600;

    @TempDir
    Path dir;

    @Test
    void aStalledSenderCountsLatencyFromTheDueTimeAndStillWritesEveryRequestOnItsOwn() throws Exception {
        Path cards = dir.resolve("cards.jsonl");
        CardPool.writeLoadCards(cards, 500);
        CardPool pool = CardPool.read(cards, 10 * Workload.maxAmount(), "0123456789ABCDEF", "FEDCBA9876543210");
        FrameCodec codec = new FrameCodec(ProfileSpec.load());
        OpenHolds holds = new OpenHolds(1 << 16);
        Workload workload = new Workload(codec, pool, new RequestTemplates(codec, pool.approving), Mix.parse(Mix.DEFAULT),
                new CardCycle(pool.cycleSize(), 0, 0), holds);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunResult r;
        try (EchoServer echo = new EchoServer("127.0.0.1", 0)) {
            LoadRun.Settings s = new LoadRun.Settings("echo", "rate", "127.0.0.1", echo.port(), 4, RATE, 2 * RATE,
                    1_500_000_000L, true, 0, 0);
            r = new LoadRun(s, workload, holds, codec, new PendingTable(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .beforeSend(i -> {
                        if (i == STALL_AT) {
                            sleep(STALL_NANOS);
                        }
                    })
                    .run();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        RunStats st = r.stats();
        assertEquals(2 * RATE, st.sent.get(), text);
        assertEquals(st.sent.get(), st.responses.get(), text);
        assertEquals(0, st.errors(), text);
        assertTrue(st.writeCalls.get() >= st.sent.get(), "no write carries two requests: " + st.writeCalls.get()
                + " writes for " + st.sent.get() + " requests, 400 of them due at once after the stall");

        // 400 requests fell due during the stall; the first half of them waited 100 to 200 ms from their due time.
        Histogram h = r.latency();
        long over100ms = h.getCountBetweenValues(100_000_000L, h.getMaxValue());
        assertTrue(over100ms >= 150, over100ms + " requests count 100 ms or more; the stall delayed about 200\n" + text);
        assertTrue(h.getMaxValue() >= 190_000_000L, "the worst waited the whole stall: " + h.getMaxValue() / 1e6 + " ms");
        assertTrue(st.totalSendLag.getMaxValue() >= 190_000_000L, "the send lag shows the stall too");
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
