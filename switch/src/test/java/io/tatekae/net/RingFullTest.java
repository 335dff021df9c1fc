package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the ring is full or a peer stops reading, requests are answered 91 or held back, never lost. */
@Timeout(120)
class RingFullTest {
    @TempDir
    Path dir;

    /** Sends {@code count} mixed requests; returns how many were answered 91. Asserts each got one answer. */
    private static int pipelineAndCount91(IsoTestClient c, int count, String acquirer) throws Exception {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String stan = String.format("%06d", i + 1);
            frames.add(Wire.frame(i % 4 == 0 ? Messages.networkManagement(stan, "301")
                    : Messages.set(TestCards.SPARE.purchase(100 + i, stan), 32, acquirer)));
        }
        List<ISOMsg> responses = Wire.exchange(c, frames, count);
        assertEquals(count, responses.size(), "answers on connection " + acquirer);
        Map<String, ISOMsg> byStan = Wire.byStan(responses);
        int unavailable = 0;
        for (int i = 0; i < count; i++) {
            ISOMsg r = byStan.get(String.format("%06d", i + 1));
            assertNotNull(r, "STAN " + (i + 1) + " unanswered");
            boolean echo = i % 4 == 0;
            assertEquals(echo ? "0810" : "0110", r.getString(0));
            if (!echo) {
                assertEquals(acquirer, r.getString(32));
            }
            if ("91".equals(r.getString(39))) {
                unavailable++;
            } else if (echo) {
                assertEquals("00", r.getString(39));
            }
        }
        assertTrue(Wire.nothingMoreWithin(c, 300), "an answer beyond the requests sent");
        return unavailable;
    }

    @Test
    void fullRingAnswers91AndLosesNothing() throws Exception {
        String yaml = """
                server:
                  host: 127.0.0.1
                  maxInFlightPerConnection: 65536
                pipeline:
                  threading: ring
                  ringSize: 64
                  waitStrategy: blocking
                  maxBatch: 64
                """;
        int connections = 4;
        int perConnection = 1_500;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start()) {
            List<IsoTestClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            int unavailable = 0;
            try {
                for (int k = 0; k < connections; k++) {
                    clients.add(sw.connectSignedOn());
                }
                List<Future<Integer>> runs = new ArrayList<>();
                for (int k = 0; k < connections; k++) {
                    IsoTestClient c = clients.get(k);
                    String acquirer = "88800" + k;
                    runs.add(pool.submit(() -> pipelineAndCount91(c, perConnection, acquirer)));
                }
                for (Future<Integer> run : runs) {
                    unavailable += run.get();
                }
                NetStats stats = sw.app().netStats();
                assertTrue(stats.ringFullRejects.sum() > 0, "6,000 back-to-back requests never filled a 64-slot ring");
                assertEquals(0, stats.inFlightRejects.sum());
                assertEquals(stats.ringFullRejects.sum(), unavailable, "91 answers versus ring-full rejects");
                for (int k = 0; k < connections; k++) {
                    IsoTestClient c = clients.get(k);
                    ISOMsg r = c.request(Messages.networkManagement("999990", "301"));
                    assertEquals("00", r.getString(39), "after the flood, connection " + k);
                }
                Wire.await("the ring drains", () -> sw.app().pipeline().remainingCapacity() == 64);
            } finally {
                pool.shutdownNow();
                clients.forEach(IsoTestClient::close);
            }
        }
    }

    /**
     * Run-to-completion has no ring to fill: the same flood is decided as it is read, in batches of at
     * most maxBatch per journal commit, and every request gets its own answer, none of them 91.
     */
    @Test
    void runToCompletionDecidesAFloodWithoutShedding() throws Exception {
        String yaml = """
                server:
                  host: 127.0.0.1
                  maxInFlightPerConnection: 65536
                pipeline:
                  threading: run-to-completion
                  maxBatch: 64
                """;
        int connections = 4;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start()) {
            List<IsoTestClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int k = 0; k < connections; k++) {
                    IsoTestClient c = sw.connectSignedOn();
                    clients.add(c);
                    String acquirer = "88800" + k;
                    runs.add(pool.submit(() -> pipelineAndCount91(c, 1_500, acquirer)));
                }
                for (Future<Integer> run : runs) {
                    assertEquals(0, run.get(), "answers 91");
                }
                assertTrue(sw.app().pipeline().stats().largestBatch() > 1, "requests were never decided in batches");
                assertTrue(sw.app().pipeline().stats().largestBatch() <= 64, "a batch larger than maxBatch");
            } finally {
                pool.shutdownNow();
                clients.forEach(IsoTestClient::close);
            }
        }
    }

    /**
     * A peer that writes but does not read: once the switch's write buffer is past its high-water
     * mark it stops reading from that peer (so nothing piles up in the switch's memory); when the
     * peer reads again every request is answered exactly once.
     */
    @Test
    void peerThatDoesNotReadIsNotReadFromUntilItDoes() throws Exception {
        String yaml = """
                server:
                  host: 127.0.0.1
                  writeBufferLowWaterMark: 1024
                  writeBufferHighWaterMark: 2048
                """;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start()) {
            floodWithoutReadingThenRead(sw, 200_000, 0);
        }
    }

    /**
     * A frame left half-read because the switch paused reading is the switch's doing, not a slow
     * peer's: the frame deadline must not close the connection while reading is paused.
     */
    @Test
    void frameDeadlineDoesNotRunWhileTheSwitchPausesReading() throws Exception {
        String yaml = """
                server:
                  host: 127.0.0.1
                  frameDeadlineMillis: 200
                  writeBufferLowWaterMark: 1024
                  writeBufferHighWaterMark: 2048
                """;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start()) {
            floodWithoutReadingThenRead(sw, 200_000, 1_000);
            assertEquals(0, sw.app().netStats().frameDeadlineCloses.sum());
        }
    }

    private static void floodWithoutReadingThenRead(TestSwitch sw, int count, long holdMillis) throws Exception {
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(8 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", sw.port()), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            Thread writer = Thread.ofPlatform().name("test-writer").start(() -> writeEchoes(out, count));

            NetStats stats = sw.app().netStats();
            Wire.await("the switch pauses on an unwritable connection", () -> stats.writabilityPauses.sum() > 0);
            long[] last = {-1};
            Wire.await("the switch stops reading", () -> {
                long now = stats.framesReceived.sum();
                boolean stable = now == last[0];
                last[0] = now;
                sleepQuietly(300);
                return stable;
            });
            assertTrue(last[0] < count, "the switch read all " + count + " requests from a peer that reads nothing");
            Thread.sleep(holdMillis);

            BitSet answered = new BitSet(count + 1);
            int unavailable = 0;
            for (int i = 0; i < count; i++) {
                int stan = readEchoStan(in);
                if (stan < 0) {
                    unavailable++;
                    stan = -stan;
                }
                assertFalse(answered.get(stan), "STAN " + stan + " answered twice");
                answered.set(stan);
            }
            writer.join();
            assertEquals(count, answered.cardinality());
            assertEquals(count, stats.framesReceived.sum());
            // Resuming reads a burst that may exceed the in-flight limit: those are answered 91, not lost.
            assertEquals(stats.inFlightRejects.sum() + stats.ringFullRejects.sum(), unavailable);
            assertEquals(1, stats.openConnections.get());
        }
    }

    private static void writeEchoes(OutputStream out, int count) {
        try {
            for (int start = 0; start < count; start += 1_000) {
                List<byte[]> chunk = new ArrayList<>(1_000);
                for (int i = start; i < Math.min(count, start + 1_000); i++) {
                    chunk.add(Wire.frame(Messages.networkManagement(String.format("%06d", i + 1), "301")));
                }
                out.write(Wire.concat(chunk));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The STAN of the next 0810 on the stream, negated when it was answered 91; checked with stock jPOS too. */
    private static int readEchoStan(DataInputStream in) throws Exception {
        int length = in.readUnsignedShort();
        assertEquals(0, in.readUnsignedShort());
        byte[] m = new byte[length];
        in.readFully(m);
        // 0810 layout: MTI 4, bitmaps 16, DE 7 (10), DE 11 (6), DE 39 (2), DE 70 (3).
        assertEquals(41, length);
        assertEquals("0810", new String(m, 0, 4, StandardCharsets.US_ASCII));
        String code = new String(m, 36, 2, StandardCharsets.US_ASCII);
        assertTrue(code.equals("00") || code.equals("91"), "echo answered " + code);
        String stan = new String(m, 30, 6, StandardCharsets.US_ASCII);
        assertEquals(stan, IsoTestClient.unpack(m).getString(11));
        return code.equals("00") ? Integer.parseInt(stan) : -Integer.parseInt(stan);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
