package io.tatekae.app;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A running switch does not pay for Netty's buffer leak tracking unless asked; tests keep Netty's default. */
class NettyLeakTrackingTest {
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final String property = System.getProperty(Main.LEAK_DETECTION_PROPERTY);

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
        if (property == null) {
            System.clearProperty(Main.LEAK_DETECTION_PROPERTY);
        } else {
            System.setProperty(Main.LEAK_DETECTION_PROPERTY, property);
        }
    }

    @Test
    void offByDefault() {
        System.clearProperty(Main.LEAK_DETECTION_PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        Main.disableBufferLeakTrackingUnlessAsked();
        assertEquals(ResourceLeakDetector.Level.DISABLED, ResourceLeakDetector.getLevel());
    }

    @Test
    void thePropertyWins() {
        System.setProperty(Main.LEAK_DETECTION_PROPERTY, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Main.disableBufferLeakTrackingUnlessAsked();
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    }
}
