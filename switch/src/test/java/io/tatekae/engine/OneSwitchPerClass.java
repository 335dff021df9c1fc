package io.tatekae.engine;

import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * One switch (real TCP, a temporary data folder, the test cards) and one signed-on connection for
 * all the tests of a scenario class; classes run one after another, so each gets its own.
 */
abstract class OneSwitchPerClass {
    @TempDir
    static Path dir;
    static TestSwitch sw;
    static Scenario s;

    @BeforeAll
    static void startSwitch() {
        sw = TestSwitch.start(dir);
        s = new Scenario(sw);
    }

    @AfterAll
    static void stopSwitch() {
        s.close();
        sw.close();
    }
}
