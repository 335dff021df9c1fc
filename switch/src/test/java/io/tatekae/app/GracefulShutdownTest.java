package io.tatekae.app;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyRequestReadBeforeTheStopIsAnsweredAndTheStateClosesCleanly() throws Exception {
        TestSwitch sw = TestSwitch.start(dir);
        Set<String> answered = new HashSet<>();
        long read;
        try (IsoTestClient c = sw.connectSignedOn()) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            int requests = 400;
            for (int i = 0; i < requests; i++) {
                byte[] m = IsoTestClient.pack(TestCards.SPARE.purchase(100, String.format("%06d", 1000 + i)));
                burst.write(m.length >>> 8);
                burst.write(m.length);
                burst.write(0);
                burst.write(0);
                burst.write(m);
            }
            c.sendRaw(burst.toByteArray());
            while (sw.app().netStats().framesReceived.sum() < 100) {
                Thread.onSpinWait();
            }
            sw.close();
            read = sw.app().netStats().framesReceived.sum() - 1; // less the sign-on
            try {
                while (true) {
                    answered.add(IsoTestClient.unpack(c.receiveFrame()).getString(11));
                }
            } catch (UncheckedIOException | IllegalStateException endOfStream) {
                // the switch closed the connection after answering
            }
        }
        assertEquals(read, answered.size(), "every request the switch read was answered before it closed");
        assertTrue(read >= 100, "read " + read);
        assertTrue(Files.exists(dir.resolve("state").resolve("closed-cleanly")), "state files closed cleanly");
    }
}
