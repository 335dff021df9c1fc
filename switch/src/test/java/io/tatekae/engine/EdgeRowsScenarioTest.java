package io.tatekae.engine;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.tatekae.engine.Scenario.assertDeclined;
import static io.tatekae.engine.Scenario.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The profile §7 rows decided before the engine: format errors and sign-on. */
class EdgeRowsScenarioTest {
    @TempDir
    static Path dir;
    private static TestSwitch sw;

    @BeforeAll
    static void start() {
        sw = TestSwitch.start(dir);
    }

    @AfterAll
    static void stop() {
        sw.close();
    }

    @Test
    void missingMandatoryFieldIsAFormatError30() throws Exception {
        try (Scenario s = new Scenario(sw)) {
            ISOMsg noMcc = Messages.set(purchase(TestCards.TARO, 1_000), 18, null);
            ISOMsg r = s.send(noMcc);
            assertEquals("0110", r.getMTI());
            assertDeclined(r, "30", "9100");
            assertEquals(noMcc.getString(11), r.getString(11));
        }
    }

    @Test
    void de48ThatDoesNotAddUpIsAFormatError30AndTheConnectionStaysUsable() {
        try (Scenario s = new Scenario(sw)) {
            ISOMsg badTlv = Messages.set(purchase(TestCards.TARO, 1_000), 48, "0120TARO YAMADA");
            assertDeclined(s.send(badTlv), "30", "9100");
            s.approve(purchase(TestCards.TARO, 1_000));
        }
    }

    @Test
    void requestBeforeSignOnOrAfterSignOffIsDeclined91() {
        try (IsoTestClient c = sw.connect()) {
            assertDeclined(c.request(purchase(TestCards.TARO, 1_000)), "91", "9107");
            c.signOn();
            Scenario.assertApproved(c.request(purchase(TestCards.TARO, 1_000)));
            assertEquals("00", c.request(Messages.networkManagement(Scenario.stan(), "002")).getString(39));
            assertDeclined(c.request(purchase(TestCards.TARO, 1_000)), "91", "9107");
        }
    }
}
