package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestPki;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * server.tls over real sockets, with a CA, server and client certificates made at test time: a
 * network link presenting its certificate signs on and is served; with clientAuth required, one
 * without a certificate, or with one from another CA, is refused; plain TCP to the TLS port is
 * closed without an answer, without a PAN in any log line, and without hurting other connections.
 */
@Timeout(120)
class TlsListenerTest {
    @TempDir
    Path dir;

    private TestPki.Identity ca;
    private TestPki.Identity network;
    private Path pki;

    @BeforeEach
    void pki() throws Exception {
        pki = Files.createDirectories(dir.resolve("pki"));
        ca = TestPki.ca("tatekae-test-ca");
        network = TestPki.issue(ca, "network-a");
    }

    private TestSwitch start(String clientAuth) throws Exception {
        return start(clientAuth, "");
    }

    private TestSwitch start(String clientAuth, String serverLines) throws Exception {
        TestPki.Identity server = TestPki.issue(ca, "switch");
        String yaml = "server:\n  host: 127.0.0.1\n" + serverLines + "  tls:\n    enabled: true\n"
                + "    certificateChain: " + server.writeChain(pki) + "\n"
                + "    privateKey: " + server.writePrivateKey(pki) + "\n"
                + "    clientAuth: " + clientAuth + "\n"
                + "    trustCertificates: " + ca.writeCertificate(pki) + "\n";
        return TestSwitch.builder(dir.resolve("data")).yaml(yaml).start();
    }

    private static IsoTestClient tlsClient(int port, SSLContext context) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        return IsoTestClient.over(socket);
    }

    private static void assertEcho(IsoTestClient c, String stan) {
        ISOMsg r = c.request(Messages.networkManagement(stan, "301"));
        assertEquals(stan, r.getString(11));
        assertEquals("00", r.getString(39));
    }

    @Test
    void aNetworkPresentingItsCertificateSignsOnAndIsServed() throws Exception {
        try (TestSwitch sw = start("required");
             IsoTestClient c = tlsClient(sw.port(), TestPki.clientContext(ca, network))) {
            c.signOn();
            assertEcho(c, "000201");
            ISOMsg r = c.request(TestCards.TARO.purchase(1_500, "000202"));
            assertEquals("00", r.getString(39), () -> "DE 48 " + r.getString(48));
            c.sendRaw(Wire.KEEP_ALIVE);
            assertEquals(0, c.receiveFrame().length, "keep-alive answered over TLS");
            assertEquals(0, sw.app().netStats().tlsHandshakeFailures.sum());
        }
    }

    @Test
    void withClientAuthRequiredNoCertificateOrAForeignOneIsRefused() throws Exception {
        TestPki.Identity foreignCa = TestPki.ca("someone-else");
        TestPki.Identity foreign = TestPki.issue(foreignCa, "network-x");
        try (TestSwitch sw = start("required");
             IsoTestClient good = tlsClient(sw.port(), TestPki.clientContext(ca, network))) {
            good.signOn();
            for (SSLContext refused : List.of(TestPki.clientContext(ca, null), TestPki.clientContext(ca, foreign))) {
                // TLS 1.3 lets the client finish its side first; the refusal shows on the first exchange.
                assertThrows(RuntimeException.class, () -> {
                    try (IsoTestClient c = tlsClient(sw.port(), refused)) {
                        c.signOn();
                    }
                });
            }
            Wire.await("both refusals counted", () -> sw.app().netStats().tlsHandshakeFailures.sum() == 2);
            assertEcho(good, "000301");
            assertEquals(0, sw.app().pipeline().stats().internalErrors.sum());
        }
    }

    @Test
    void withClientAuthNoneAnyTlsClientIsServed() throws Exception {
        try (TestSwitch sw = start("none"); IsoTestClient c = tlsClient(sw.port(), TestPki.clientContext(ca, null))) {
            c.signOn();
            assertEcho(c, "000401");
        }
    }

    @Test
    void plainTcpToTheTlsPortIsClosedCleanlyWithoutAPanInTheLogs() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String text = new SimpleFormatter().formatMessage(r)
                        + (r.getThrown() == null ? "" : " " + r.getThrown());
                synchronized (lines) {
                    lines.add(text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try (TestSwitch sw = start("required");
             IsoTestClient good = tlsClient(sw.port(), TestPki.clientContext(ca, network))) {
            good.signOn();
            try (IsoTestClient plain = sw.connect()) {
                plain.send(TestCards.TARO.purchase(100, "000501"));
                assertTrue(plain.closedByPeer(5_000), "the plain connection is closed");
            }
            Wire.await("the plain connection counted", () -> sw.app().netStats().tlsHandshakeFailures.sum() == 1);
            assertEcho(good, "000502");
            assertEquals(0, sw.app().pipeline().stats().internalErrors.sum());
        } finally {
            root.setLevel(level);
            root.removeHandler(capture);
        }
        String pan = TestCards.TARO.pan;
        String panHex = HexFormat.of().formatHex(pan.getBytes(StandardCharsets.US_ASCII));
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("TLS handshake")), "the refusal is logged");
            for (String line : lines) {
                assertFalse(line.contains(pan) || line.toLowerCase().contains(panHex), "PAN in a log line: " + line);
            }
        }
    }

    /** A TLS slowloris: the handshake must finish within frameDeadlineMillis, long before the idle timeout. */
    @Test
    void aConnectionThatNeverHandshakesIsClosedAtTheFrameDeadline() throws Exception {
        try (TestSwitch sw = start("required", "  frameDeadlineMillis: 300\n  idleTimeoutSeconds: 600\n");
             IsoTestClient good = tlsClient(sw.port(), TestPki.clientContext(ca, network));
             IsoTestClient silent = sw.connect()) {
            assertTrue(silent.closedByPeer(10_000), "the silent connection is closed");
            Wire.await("the timeout counted", () -> sw.app().netStats().tlsHandshakeFailures.sum() == 1);
            good.signOn();
            assertEcho(good, "000601");
        }
    }

    @Test
    void unusableKeyMaterialStopsTheSwitchWithAMessageNamingTheFiles() throws Exception {
        TestPki.Identity server = TestPki.issue(ca, "switch");
        Path chain = server.writeChain(pki);
        Path key = Files.writeString(pki.resolve("broken-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        String yaml = "server:\n  host: 127.0.0.1\n  tls:\n    enabled: true\n    certificateChain: " + chain
                + "\n    privateKey: " + key + "\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestSwitch.builder(dir.resolve("data")).yaml(yaml).start());
        assertTrue(e.getMessage().startsWith("server.tls: cannot use certificateChain " + chain + ", privateKey " + key),
                e.getMessage());
    }
}
