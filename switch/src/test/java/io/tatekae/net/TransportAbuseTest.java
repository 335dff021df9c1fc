package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abusive clients: ones that reset the connection (SO_LINGER 0) in the middle of a frame or of a
 * pipeline of requests, and a flood of connections far beyond server.maxConnections. The switch
 * stays healthy, other connections are unaffected, refusals are counted, threads stay bounded.
 */
@Timeout(120)
class TransportAbuseTest {
    @TempDir
    Path dir;

    /** An echo through the ring and the decision thread (purchases would run into the card's velocity limit). */
    private static void assertServed(IsoTestClient c, String stan) {
        ISOMsg r = c.request(Messages.networkManagement(stan, "301"));
        assertEquals(stan, r.getString(11));
        assertEquals("00", r.getString(39));
    }

    private static void assertApproved(IsoTestClient c, TestCards card, String stan) {
        ISOMsg r = c.request(card.purchase(100, stan));
        assertEquals(stan, r.getString(11));
        assertEquals("00", r.getString(39), () -> "DE 48 " + r.getString(48));
    }

    private static Socket rawConnect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(5_000);
        return s;
    }

    /** Closes with an RST instead of a FIN: the switch sees "connection reset". */
    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    @Test
    void resetMidFrameAndMidPipelineLeavesTheSwitchAndOtherConnectionsHealthy() throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient bystander = sw.connectSignedOn()) {
            NetStats stats = sw.app().netStats();
            assertServed(bystander, "100001");
            for (int round = 0; round < 20; round++) {
                // Mid-frame: a header promising 200 bytes, then 50 of them, then a reset.
                Socket half = rawConnect(sw.port());
                byte[] frame = Wire.frame(TestCards.HANAKO.purchase(100, String.format("2%05d", round)));
                half.getOutputStream().write(frame, 0, 54);
                half.getOutputStream().flush();
                reset(half);

                // Mid-pipeline: sign on, 40 requests in one write, a reset before reading any answer.
                Socket piped = rawConnect(sw.port());
                List<byte[]> frames = new ArrayList<>();
                frames.add(Wire.frame(Messages.networkManagement(String.format("3%05d", round), "001")));
                for (int i = 0; i < 40; i++) {
                    frames.add(Wire.frame(TestCards.SPARE.purchase(1, String.format("4%02d%03d", round, i))));
                }
                piped.getOutputStream().write(Wire.concat(frames));
                piped.getOutputStream().flush();
                reset(piped);

                assertServed(bystander, String.format("5%05d", round));
            }
            Wire.await("the reset connections are gone", () -> stats.openConnections.get() == 1);
            assertEquals(0, sw.app().pipeline().stats().internalErrors.sum(), "internal errors");
            assertEquals(0, stats.badHeaders.sum() + stats.oversizeFrames.sum(), "no protocol violation was seen");
            assertTrue(stats.connectionErrors.sum() > 0, "resets are counted as connection errors");
            try (IsoTestClient later = sw.connectSignedOn()) {
                assertApproved(later, TestCards.TARO, "600001");
            }
            assertApproved(bystander, TestCards.HANAKO, "600002");
        }
    }

    @Test
    void connectionFloodIsRefusedAndCountedWithBoundedThreadsAndNormalClientsServedAfter() throws Exception {
        int max = 16;
        int flood = 200;
        String yaml = "server:\n  host: 127.0.0.1\n  maxConnections: " + max;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).start(); IsoTestClient regular = sw.connectSignedOn()) {
            NetStats stats = sw.app().netStats();
            assertServed(regular, "700001");
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            List<Socket> sockets = new ArrayList<>();
            int refusedSeen = 0;
            try {
                for (int i = 0; i < flood; i++) {
                    sockets.add(rawConnect(sw.port()));
                }
                Wire.await("every flood connection was accepted or refused",
                        () -> stats.connectionsAccepted.sum() + stats.connectionsRefused.sum() == flood + 1);
                int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
                // A thread per connection would add max - 1; a little slack for unrelated JVM threads.
                assertTrue(threadsDuring - threadsBefore <= 5,
                        "threads grew from " + threadsBefore + " to " + threadsDuring + " under a connection flood");
                assertEquals(max, stats.openConnections.get(), "connections held open");
                assertEquals(max, stats.connectionsAccepted.sum(), "accepted: the regular client and max - 1 of the flood");
                assertEquals(flood + 1 - max, stats.connectionsRefused.sum(), "refused and counted");
                for (Socket s : sockets) {
                    refusedSeen += closedByPeer(s) ? 1 : 0;
                }
                assertEquals(flood + 1 - max, refusedSeen, "refused sockets see the close");
                assertServed(regular, "700002");
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            Wire.await("the flood connections are gone", () -> stats.openConnections.get() == 1);
            try (IsoTestClient after = sw.connectSignedOn()) {
                assertApproved(after, TestCards.TARO, "700003");
            }
            assertServed(regular, "700004");
            assertEquals(0, sw.app().pipeline().stats().internalErrors.sum(), "internal errors");
        }
    }

    /** EOF or reset within a short wait: the server closed it. A timeout means it is being served. */
    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout(200);
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
