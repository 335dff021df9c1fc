package io.tatekae.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VelocityRingTest {

    @Test
    void keepsTheNewestFirst() {
        VelocityRing ring = new VelocityRing();
        ring.record(100);
        ring.record(200);
        assertEquals(2, ring.count());
        assertEquals(200, ring.recent(0));
        assertEquals(100, ring.recent(1));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.recent(2));
    }

    @Test
    void overwritesTheOldestOnceFull() {
        VelocityRing ring = new VelocityRing();
        for (int i = 1; i <= VelocityRing.CAPACITY + 5; i++) {
            ring.record(i);
        }
        assertEquals(VelocityRing.CAPACITY, ring.count());
        assertEquals(VelocityRing.CAPACITY + 5, ring.recent(0));
        assertEquals(6, ring.recent(VelocityRing.CAPACITY - 1));
    }

    @Test
    void countsPurchasesInAWindow() {
        VelocityRing ring = new VelocityRing();
        for (int i = 1; i <= 10; i++) {
            ring.record(i * 1_000L);
        }
        assertEquals(3, ring.countSince(8_000));
        assertEquals(10, ring.countSince(0));
        assertEquals(0, ring.countSince(10_001));
    }
}
