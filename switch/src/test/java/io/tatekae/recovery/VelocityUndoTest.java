package io.tatekae.recovery;

import io.tatekae.state.VelocityRing;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Taking back the velocity record of a purchase whose batch the journal could not commit (the
 * request is answered 91): the ring must be exactly as before, also when the record had displaced
 * the oldest time of a full ring.
 */
class VelocityUndoTest {
    @Test
    void takingBackTheNewestRestoresAFullRingExactly() {
        VelocityRing ring = new VelocityRing();
        for (int i = 1; i <= VelocityRing.CAPACITY + 3; i++) {
            ring.record(i * 1_000L);
        }
        VelocityRing before = new VelocityRing();
        before.copyFrom(ring);

        int count = ring.count();
        long displaced = ring.displaced();
        assertEquals(4_000L, displaced, "the oldest time the next record overwrites");
        ring.record(99_000L);
        ring.record(100_000L);
        assertEquals(6_000L, ring.recent(VelocityRing.CAPACITY - 1));

        ring.unrecord(VelocityRing.CAPACITY, 5_000L);
        ring.unrecord(count, displaced);
        assertTrue(ring.sameAs(before), "ring after two records taken back, newest first");
        assertEquals(4_000L, ring.recent(VelocityRing.CAPACITY - 1));
    }

    @Test
    void takingBackFromARingThatWasNotFullLowersTheCount() {
        VelocityRing ring = new VelocityRing();
        ring.record(1_000L);
        int count = ring.count();
        long displaced = ring.displaced();
        ring.record(2_000L);
        ring.unrecord(count, displaced);
        assertEquals(1, ring.count());
        assertEquals(1_000L, ring.recent(0));
        assertEquals(1, ring.countSince(0));
        assertThrows(IllegalStateException.class, () -> ring.unrecord(2, 0), "cannot grow by taking back");
    }
}
