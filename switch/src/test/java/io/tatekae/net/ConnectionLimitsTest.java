package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener's limits: idle timeout, frame deadline, connection cap, requests in flight per connection. */
@Timeout(60)
class ConnectionLimitsTest {
    @TempDir
    Path dir;

    private static void assertEchoWorks(IsoTestClient c, String stan) {
        ISOMsg r = c.request(Messages.networkManagement(stan, "301"));
        assertEquals("00", r.getString(39));
        assertEquals(stan, r.getString(11));
    }

    @Test
    void idleConnectionIsClosedWhileATalkingOneStays() throws Exception {
        try (TestSwitch sw = TestSwitch.builder(dir).yaml("server:\n  host: 127.0.0.1\n  idleTimeoutSeconds: 1").start();
             IsoTestClient silent = sw.connect();
             IsoTestClient talking = sw.connect()) {
            // Keep-alives every 300 ms for 2.4 s keep one connection alive past the 1 s idle timeout.
            for (int i = 0; i < 8; i++) {
                talking.sendRaw(Wire.KEEP_ALIVE);
                assertArrayEquals(new byte[0], talking.receiveFrame());
                Thread.sleep(300);
            }
            assertTrue(silent.closedByPeer(5_000), "the silent connection is still open");
            assertEchoWorks(talking, "001001");
            assertEquals(1, sw.app().netStats().idleCloses.sum());
            assertEquals(0, sw.app().netStats().frameDeadlineCloses.sum());
        }
    }

    @Test
    void frameThatNeverCompletesIsClosedAtTheDeadlineEvenWhileBytesTrickle() throws Exception {
        String yaml = "server:\n  host: 127.0.0.1\n  idleTimeoutSeconds: 2\n  frameDeadlineMillis: 200";
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start();
             IsoTestClient slow = sw.connect();
             IsoTestClient bystander = sw.connectSignedOn()) {
            slow.sendRaw(new byte[] {0, 100, 0, 0});
            for (int i = 0; i < 10; i++) {
                try {
                    slow.sendRaw(new byte[] {'0'});
                } catch (UncheckedIOException closed) {
                    break;
                }
                Thread.sleep(50);
            }
            // If the deadline did not fire, the 2 s idle timer closes it instead and the counters say so.
            assertTrue(slow.closedByPeer(5_000), "the incomplete frame's connection is still open");
            NetStats stats = sw.app().netStats();
            assertEquals(1, stats.frameDeadlineCloses.sum());
            assertEquals(0, stats.idleCloses.sum());
            assertEchoWorks(bystander, "001101");
        }
    }

    @Test
    void slowButCompleteFramesAreNotCut() throws Exception {
        String yaml = "server:\n  host: 127.0.0.1\n  frameDeadlineMillis: 500";
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start(); IsoTestClient c = sw.connectSignedOn()) {
            byte[] frame = Wire.frame(Messages.networkManagement("001201", "301"));
            for (int i = 0; i < 3; i++) { // each frame in two halves 100 ms apart, 3 times
                c.sendRaw(Arrays.copyOfRange(frame, 0, 10));
                Thread.sleep(100);
                c.sendRaw(Arrays.copyOfRange(frame, 10, frame.length));
                assertEquals("001201", c.receive().getString(11));
                Thread.sleep(400);
            }
            assertEquals(0, sw.app().netStats().frameDeadlineCloses.sum());
        }
    }

    /**
     * The deadline is per frame: a steady pipelined stream whose every write ends mid-frame always
     * has some frame in progress, yet each frame completes quickly, so the connection must stay.
     */
    @Test
    void streamThatAlwaysEndsMidFrameIsNotCutWhileFramesKeepCompleting() throws Exception {
        String yaml = "server:\n  host: 127.0.0.1\n  frameDeadlineMillis: 200";
        int count = 300;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start(); IsoTestClient c = sw.connectSignedOn()) {
            List<byte[]> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                frames.add(Wire.frame(Messages.networkManagement(String.format("%06d", i + 1), "301")));
            }
            byte[] stream = Wire.concat(frames);
            List<ISOMsg> responses = new ArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    while (responses.size() < count) {
                        responses.add(c.receive());
                    }
                } catch (UncheckedIOException closedOrQuiet) {
                    // fewer than expected: asserted below
                }
            });
            int chunk = frames.get(0).length * 3 / 2; // 1.5 frames per write, 10 ms apart: about 1.3 s
            for (int at = 0; at < stream.length; at += chunk) {
                c.sendRaw(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + chunk)));
                Thread.sleep(10);
            }
            reader.join();
            assertEquals(count, responses.size(), "answers before the connection ended");
            assertEquals(count, Wire.byStan(responses).size());
            assertEquals(0, sw.app().netStats().frameDeadlineCloses.sum());
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndCounted() throws Exception {
        try (TestSwitch sw = TestSwitch.builder(dir).yaml("server:\n  host: 127.0.0.1\n  maxConnections: 2").start()) {
            NetStats stats = sw.app().netStats();
            IsoTestClient first = sw.connectSignedOn();
            try (IsoTestClient second = sw.connectSignedOn()) {
                try (IsoTestClient third = sw.connect()) {
                    assertTrue(third.closedByPeer(5_000), "a third connection was kept");
                }
                assertEquals(1, stats.connectionsRefused.sum());
                assertEquals(2, stats.connectionsAccepted.sum());
                assertEchoWorks(first, "001301");
                assertEchoWorks(second, "001302");
                first.close();
                Wire.await("the first connection's slot is free", () -> stats.openConnections.get() == 1);
                try (IsoTestClient fourth = sw.connectSignedOn()) {
                    assertEchoWorks(fourth, "001303");
                }
                assertEchoWorks(second, "001304");
            }
            assertEquals(1, stats.connectionsRefused.sum());
            assertEquals(3, stats.connectionsAccepted.sum());
        }
    }

    @Test
    void requestsBeyondTheInFlightLimitAreAnswered91NotLost() throws Exception {
        String yaml = """
                server:
                  host: 127.0.0.1
                  maxInFlightPerConnection: 4
                pipeline:
                  ringSize: 64
                  waitStrategy: blocking
                  maxBatch: 64
                """;
        int count = 2_000;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start(); IsoTestClient c = sw.connectSignedOn()) {
            List<byte[]> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String stan = String.format("%06d", i + 1);
                frames.add(Wire.frame(i % 2 == 0 ? Messages.networkManagement(stan, "301")
                        : TestCards.SPARE.purchase(100 + i, stan)));
            }
            List<ISOMsg> responses = Wire.exchange(c, frames, count);
            assertEquals(count, responses.size());
            Map<String, ISOMsg> byStan = Wire.byStan(responses);
            int unavailable = 0;
            for (int i = 0; i < count; i++) {
                ISOMsg r = byStan.get(String.format("%06d", i + 1));
                assertNotNull(r, "STAN " + (i + 1) + " unanswered");
                assertEquals(i % 2 == 0 ? "0810" : "0110", r.getString(0));
                if ("91".equals(r.getString(39))) {
                    unavailable++;
                    if (i % 2 == 1) {
                        assertEquals("9107", Wire.tags(r.getString(48)).get("90"));
                    }
                } else if (i % 2 == 0) {
                    assertEquals("00", r.getString(39));
                }
            }
            assertTrue(Wire.nothingMoreWithin(c, 300), "an answer beyond the requests sent");
            NetStats stats = sw.app().netStats();
            assertTrue(stats.inFlightRejects.sum() > 0, "2,000 back-to-back requests never had 4 in flight");
            assertEquals(0, stats.ringFullRejects.sum(), "4 in flight cannot fill a 64-slot ring");
            assertEquals(stats.inFlightRejects.sum(), unavailable, "91 answers versus in-flight rejects");
            assertEchoWorks(c, "009999");
            assertFalse(c.closedByPeer(100));
        }
    }
}
