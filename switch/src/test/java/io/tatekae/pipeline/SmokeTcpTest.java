package io.tatekae.pipeline;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTcpTest {
    @TempDir
    Path dir;

    @Test
    void approvesAPurchaseAndHoldsItsAmount() throws Exception {
        try (TestSwitch sw = TestSwitch.start(dir); IsoTestClient c = sw.connectSignedOn()) {
            ISOMsg r = c.request(TestCards.TARO.purchase(4980, c.nextStan()));
            assertEquals("0110", r.getMTI());
            assertEquals("00", r.getString(39), () -> "DE 48 " + r.getString(48));
            assertEquals(6, r.getString(38).length());
            assertTrue(r.getString(48).contains("8701M"), r.getString(48));
            assertTrue(r.getString(48).contains("8801M"), r.getString(48));
            assertEquals("0002392C000000045020", r.getString(54));
        }
    }
}
