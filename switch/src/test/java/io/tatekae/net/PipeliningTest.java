package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile §1: requests written back to back without waiting are each answered once, matched by DE 7 + 11 + 32. */
@Timeout(60)
class PipeliningTest {
    /** Room for everything in flight: no request may be turned away, so every answer is the real one. */
    private static final String ROOMY = """
            server:
              host: 127.0.0.1
              maxInFlightPerConnection: 65536
            pipeline:
              threading: THREADING
              ringSize: 4096
              waitStrategy: blocking
              maxBatch: 256
            """;

    @TempDir
    Path dir;

    /** One request of a pipelined run: even i an echo, odd i a purchase on the SPARE card. */
    private static ISOMsg request(int i, String stan, String dateTime, String acquirer) {
        if (i % 2 == 0) {
            ISOMsg m = Messages.networkManagement(stan, "301");
            return Messages.set(m, 7, dateTime);
        }
        ISOMsg m = TestCards.SPARE.purchase(100 + i, stan);
        Messages.set(m, 7, dateTime);
        return Messages.set(m, 32, acquirer);
    }

    /** Sends {@code count} pipelined requests and asserts each got exactly its own answer. */
    private static void pipelineAndCheck(IsoTestClient c, int count, String dateTime, String acquirer) throws Exception {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(Wire.frame(request(i, String.format("%06d", i + 1), dateTime, acquirer)));
        }
        List<ISOMsg> responses = Wire.exchange(c, frames, count);
        assertEquals(count, responses.size(), "responses on this connection");
        Map<String, ISOMsg> byStan = Wire.byStan(responses);
        for (int i = 0; i < count; i++) {
            String stan = String.format("%06d", i + 1);
            ISOMsg r = byStan.get(stan);
            assertNotNull(r, () -> "no answer for STAN " + stan);
            assertEquals(dateTime, r.getString(7), "DE 7 of STAN " + stan);
            if (i % 2 == 0) {
                assertEquals("0810", r.getString(0));
                assertEquals("00", r.getString(39), "echo STAN " + stan);
                assertEquals("301", r.getString(70));
            } else {
                assertEquals("0110", r.getString(0));
                assertEquals(acquirer, r.getString(32), "DE 32 of STAN " + stan);
                assertEquals(String.format("%012d", 100 + i), r.getString(4), "DE 4 of STAN " + stan);
                assertNotNull(r.getString(39));
                assertTrue(!"91".equals(r.getString(39)) && !"30".equals(r.getString(39)),
                        () -> "STAN " + stan + " answered " + r.getString(39));
            }
        }
        assertTrue(Wire.nothingMoreWithin(c, 300), "an answer beyond the requests sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-to-completion", "ring"})
    void thousandRequestsBackToBackOnOneConnection(String threading) throws Exception {
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(ROOMY.replace("THREADING", threading)).start();
             IsoTestClient c = sw.connectSignedOn()) {
            pipelineAndCheck(c, 1_000, "1124110000", Messages.ACQUIRER);
            NetStats stats = sw.app().netStats();
            assertEquals(0, stats.inFlightRejects.sum());
            assertEquals(0, stats.ringFullRejects.sum());
            assertEquals(1_001, stats.framesReceived.sum());
            assertEquals(1_001, sw.app().pipeline().stats().responses.sum());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-to-completion", "ring"})
    void eightConnectionsPipeliningAtOnceEachGetTheirOwnAnswers(String threading) throws Exception {
        int connections = 8;
        int perConnection = 200;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(ROOMY.replace("THREADING", threading).replace("maxInFlightPerConnection: 65536",
                "maxInFlightPerConnection: 65536\n  maxConnections: 8")).start()) {
            List<IsoTestClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            try {
                for (int k = 0; k < connections; k++) {
                    clients.add(sw.connectSignedOn());
                }
                List<Future<?>> runs = new ArrayList<>();
                for (int k = 0; k < connections; k++) {
                    IsoTestClient c = clients.get(k);
                    // Same STANs on every connection; DE 7 and DE 32 tell the connections' requests apart.
                    String dateTime = "11241200" + String.format("%02d", k);
                    String acquirer = "77700" + k;
                    runs.add(pool.submit(() -> {
                        pipelineAndCheck(c, perConnection, dateTime, acquirer);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(IsoTestClient::close);
            }
            NetStats stats = sw.app().netStats();
            assertEquals(0, stats.inFlightRejects.sum());
            assertEquals(0, stats.ringFullRejects.sum());
            assertEquals(connections * (perConnection + 1L), stats.framesReceived.sum());
            assertEquals(connections * (perConnection + 1L), sw.app().pipeline().stats().responses.sum());
        }
    }
}
