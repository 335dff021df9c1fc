package io.tatekae.net;

import io.tatekae.spec.Packagers;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.CSChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Profile §3 network management and per-connection sign-on, spoken by a stock jPOS CSChannel. */
@Timeout(60)
class NetworkManagementTest {
    @TempDir
    Path dir;

    private static CSChannel channel(TestSwitch sw) throws Exception {
        CSChannel ch = new CSChannel("127.0.0.1", sw.port(), Packagers.genericPackager());
        ch.setTimeout(5_000);
        ch.connect();
        return ch;
    }

    private static ISOMsg networkRequest(CSChannel ch, String stan, String dateTime, String code) throws Exception {
        ISOMsg m = Messages.networkManagement(stan, code);
        Messages.set(m, 7, dateTime);
        ch.send(m);
        return ch.receive();
    }

    private static void assertNetworkResponse(ISOMsg r, String stan, String dateTime, String code) throws Exception {
        assertEquals("0810", r.getMTI());
        assertEquals("00", r.getString(39));
        assertEquals(stan, r.getString(11));
        assertEquals(dateTime, r.getString(7));
        assertEquals(code, r.getString(70));
    }

    private static ISOMsg purchase(CSChannel ch, String stan) throws Exception {
        ch.send(TestCards.TARO.purchase(1200, stan));
        ISOMsg r = ch.receive();
        assertEquals("0110", r.getMTI());
        assertEquals(stan, r.getString(11));
        return r;
    }

    private static void assertNotSignedOn(ISOMsg r) {
        assertEquals("91", r.getString(39));
        assertEquals("9107", Wire.tags(r.getString(48)).get("90"), () -> "DE 48 " + r.getString(48));
    }

    @Test
    void signOnEchoSignOffGateAuthorizations() throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir)) {
            CSChannel ch = channel(sw);
            try {
                assertNotSignedOn(purchase(ch, "000101"));
                assertNetworkResponse(networkRequest(ch, "000102", "1124093015", "001"), "000102", "1124093015", "001");
                assertEquals("00", purchase(ch, "000103").getString(39));
                assertNetworkResponse(networkRequest(ch, "000104", "1124093016", "301"), "000104", "1124093016", "301");
                assertNetworkResponse(networkRequest(ch, "000105", "1124093017", "002"), "000105", "1124093017", "002");
                assertNotSignedOn(purchase(ch, "000106"));
                assertNetworkResponse(networkRequest(ch, "000107", "1124093018", "301"), "000107", "1124093018", "301");
            } finally {
                ch.disconnect();
            }
        }
    }

    @Test
    void signOnBelongsToOneConnection() throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir)) {
            CSChannel first = channel(sw);
            CSChannel second = channel(sw);
            try {
                assertNetworkResponse(networkRequest(first, "000201", "1124100000", "001"), "000201", "1124100000", "001");
                assertNotSignedOn(purchase(second, "000202"));
                assertEquals("00", purchase(first, "000203").getString(39));
                assertNotSignedOn(purchase(second, "000204"));
            } finally {
                first.disconnect();
                second.disconnect();
            }
        }
    }

    @Test
    void unknownNetworkCodeIsUnsupported() throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir)) {
            CSChannel ch = channel(sw);
            try {
                ISOMsg r = networkRequest(ch, "000301", "1124100000", "999");
                assertEquals("0810", r.getMTI());
                assertEquals("000301", r.getString(11));
                assertEquals("12", r.getString(39));
                Map<String, String> unused = Wire.tags(r.getString(48));
                assertEquals(true, unused.isEmpty() || "1061".equals(unused.get("90")), () -> "DE 48 " + r.getString(48));
            } finally {
                ch.disconnect();
            }
        }
    }
}
