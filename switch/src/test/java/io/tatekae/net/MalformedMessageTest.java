package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile §2: a malformed message gets 30 and the connection stays; an unreadable one gets nothing. */
@Timeout(60)
class MalformedMessageTest {
    private static final String AMOUNT = "000000012345";

    @TempDir
    Path dir;

    private static ISOMsg purchase(String stan) {
        return TestCards.TARO.purchase(Long.parseLong(AMOUNT), stan);
    }

    /** The packed message with the first occurrence of {@code from} replaced by {@code to} (same length). */
    private static byte[] replace(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertTrue(at > 0, "test message has no " + from);
        byte[] copy = message.clone();
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, copy, at, to.length());
        return copy;
    }

    private static void assertFormatError(IsoTestClient c, byte[] message, String stan) {
        assertFormatError(c, message, stan, true);
    }

    /** @param acquirerRead whether the bad spot lies after DE 32 (so DE 32 was read and is echoed) */
    private static void assertFormatError(IsoTestClient c, byte[] message, String stan, boolean acquirerRead) {
        c.sendMessage(message);
        ISOMsg r = c.receive();
        assertEquals("0110", r.getString(0));
        assertEquals(stan, r.getString(11));
        assertEquals("30", r.getString(39));
        assertEquals(Messages.DEFAULT_DATE_TIME, r.getString(7));
        assertEquals(AMOUNT, r.getString(4));
        assertEquals(acquirerRead ? Messages.ACQUIRER : null, r.getString(32));
        assertEquals("9100", Wire.tags(r.getString(48)).get("90"), () -> "DE 48 " + r.getString(48));
        assertStillUsable(c);
    }

    private static void assertStillUsable(IsoTestClient c) {
        String stan = c.nextStan();
        ISOMsg ok = c.request(purchase(stan));
        assertEquals(stan, ok.getString(11));
        assertEquals("00", ok.getString(39), () -> "DE 48 " + ok.getString(48));
    }

    /** A non-digit in a numeric field after DE 11: the fields after it are still read and echoed. */
    @Test
    void nonDigitInLocalTime() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            byte[] good = IsoTestClient.pack(Messages.set(purchase("000501"), 12, "235959"));
            assertFormatError(c, replace(good, "235959", "2359A9"), "000501", true);
        }
    }

    /**
     * A non-digit in DE 4, before DE 11: a fixed field's extent is known, so decoding goes on past it
     * and the request is still answered 30 with its DE 11 (only the bad field is not echoed).
     */
    @Test
    void nonDigitInAmountBeforeDe11IsStillAnswered() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            byte[] good = IsoTestClient.pack(purchase("000511"));
            c.sendMessage(replace(good, AMOUNT, "0000000123A5"));
            ISOMsg r = c.receive();
            assertEquals("000511", r.getString(11));
            assertEquals("30", r.getString(39));
            assertEquals(null, r.getString(4), "the bad field is not echoed");
            assertEquals(Messages.ACQUIRER, r.getString(32));
            assertEquals("9100", Wire.tags(r.getString(48)).get("90"), () -> "DE 48 " + r.getString(48));
            assertEquals(0, sw.app().netStats().unanswerable.sum());
            assertStillUsable(c);
        }
    }

    @Test
    void trailingBytes() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            byte[] good = IsoTestClient.pack(purchase("000502"));
            byte[] longer = Arrays.copyOf(good, good.length + 3);
            longer[good.length] = 'X';
            assertFormatError(c, longer, "000502");
        }
    }

    @Test
    void de48TlvThatDoesNotAddUp() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg m = purchase("000503");
            Messages.set(m, 48, "0199TARO YAMADA");
            assertFormatError(c, IsoTestClient.pack(m), "000503");
        }
    }

    @Test
    void mandatoryFieldMissing() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg m = purchase("000504");
            Messages.set(m, 42, null);
            assertFormatError(c, IsoTestClient.pack(m), "000504");
        }
    }

    @Test
    void formatErrorsAreCountedAndNeverClose() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            for (int i = 0; i < 20; i++) {
                ISOMsg m = purchase(String.format("%06d", 600 + i));
                Messages.set(m, 18, null);
                c.sendMessage(IsoTestClient.pack(m));
                assertEquals("30", c.receive().getString(39));
            }
            assertStillUsable(c);
            assertEquals(0, sw.app().netStats().unanswerable.sum());
            assertEquals(1, sw.app().netStats().connectionsAccepted.sum());
        }
    }

    @Test
    void unreadableMessageGetsNoAnswerAndIsCounted() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            c.sendMessage("HELLO, IS THIS THE SWITCH?".getBytes(StandardCharsets.US_ASCII));
            c.sendMessage(new byte[] {'0', '1'});
            // The next answer on this connection is the echo's: the garbage got none.
            ISOMsg r = c.request(Messages.networkManagement("000701", "301"));
            assertEquals("000701", r.getString(11));
            assertEquals("00", r.getString(39));
            assertEquals(2, sw.app().netStats().unanswerable.sum());
            assertStillUsable(c);
            assertEquals(1, sw.app().netStats().openConnections.get());
        }
    }

    @Test
    void requestWithoutStanIsUnanswerable() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg m = purchase("000801");
            Messages.set(m, 11, null);
            c.sendMessage(IsoTestClient.pack(m));
            ISOMsg r = c.request(Messages.networkManagement("000802", "301"));
            assertEquals("000802", r.getString(11));
            assertEquals(1, sw.app().netStats().unanswerable.sum());
        }
    }

    @Test
    void responseSentToTheSwitchIsDroppedAndCounted() {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg m = purchase("000901");
            Messages.set(m, 0, "0110");
            Messages.set(m, 39, "00");
            c.sendMessage(IsoTestClient.pack(m));
            ISOMsg r = c.request(Messages.networkManagement("000902", "301"));
            assertEquals("000902", r.getString(11));
            assertEquals(1, sw.app().netStats().unanswerable.sum());
        }
    }
}
