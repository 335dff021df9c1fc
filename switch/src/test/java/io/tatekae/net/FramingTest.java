package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile §1 framing: keep-alives, and violations that close only the offending connection. */
@Timeout(60)
class FramingTest {
    @TempDir
    Path dir;

    private static void assertEchoWorks(IsoTestClient c, String stan) {
        ISOMsg r = c.request(Messages.networkManagement(stan, "301"));
        assertEquals("0810", r.getString(0));
        assertEquals("00", r.getString(39));
        assertEquals(stan, r.getString(11));
    }

    @Test
    void keepAliveIsAnsweredWithAKeepAlive() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            c.sendRaw(Wire.KEEP_ALIVE);
            assertArrayEquals(new byte[0], c.receiveFrame());
            c.sendRaw(Wire.concat(List.of(Wire.KEEP_ALIVE, Wire.KEEP_ALIVE)));
            assertArrayEquals(new byte[0], c.receiveFrame());
            assertArrayEquals(new byte[0], c.receiveFrame());
            assertEchoWorks(c, "000011");
            assertEquals(3, sw.app().netStats().keepAlives.sum());
            assertEquals(1, sw.app().netStats().openConnections.get());
        }
    }

    @Test
    void keepAliveBetweenPipelinedRequestsIsAnsweredInPlace() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            byte[] echo = Wire.frame(Messages.networkManagement("000021", "301"));
            c.sendRaw(Wire.concat(List.of(Wire.KEEP_ALIVE, echo)));
            assertArrayEquals(new byte[0], c.receiveFrame());
            assertEquals("000021", c.receive().getString(11));
        }
    }

    @Test
    void oversizeFrameClosesOnlyThatConnection() throws Exception {
        assertViolationClosesOnlyOffender(new byte[] {0x10, 0x01, 0, 0}, true);
    }

    @Test
    void largestLegalLengthIsNotAViolation() throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            byte[] frame = new byte[4 + 4096];
            frame[0] = 0x10;
            frame[1] = 0x00;
            c.sendRaw(frame); // 4,096 zero bytes: no MTI, so no answer, but the connection stays
            assertEchoWorks(c, "000031");
            assertEquals(0, sw.app().netStats().oversizeFrames.sum());
            assertEquals(1, sw.app().netStats().unanswerable.sum());
        }
    }

    @Test
    void badHeaderClosesOnlyThatConnection() throws Exception {
        assertViolationClosesOnlyOffender(new byte[] {0x00, 0x0A, 0x00, 0x01}, false);
    }

    private void assertViolationClosesOnlyOffender(byte[] header, boolean oversize) throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir);
             IsoTestClient bystander = sw.connectSignedOn();
             IsoTestClient offender = sw.connectSignedOn()) {
            NetStats stats = sw.app().netStats();
            assertEquals(2, stats.openConnections.get());
            offender.sendRaw(header);
            offender.sendRaw(new byte[10]);
            assertTrue(offender.closedByPeer(5_000), "the offending connection stays open");
            assertEquals(oversize ? 1 : 0, stats.oversizeFrames.sum());
            assertEquals(oversize ? 0 : 1, stats.badHeaders.sum());
            assertEchoWorks(bystander, "000041");
            Wire.await("the closed connection is no longer counted open", () -> stats.openConnections.get() == 1);
            try (IsoTestClient newcomer = sw.connectSignedOn()) {
                assertEchoWorks(newcomer, "000042");
            }
            assertFalse(bystander.closedByPeer(200));
            assertEquals(3, stats.connectionsAccepted.sum());
        }
    }
}
