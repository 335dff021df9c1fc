package io.tatekae.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clearing match index against a HashMap model, with many colliding home slots and removals. */
class ClearingMatchIndexTest {
    @Test
    void agreesWithAMapThroughInsertsAndRemovals() {
        MatchIndex index = new MatchIndex(64);
        Map<Long, long[]> model = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 20_000; step++) {
            long key = 1 + random.nextInt(100); // few keys, so slots collide and runs wrap
            if (random.nextBoolean() && model.size() < 64) {
                long a = random.nextLong();
                index.put(key, a, step);
                model.put(key, new long[] {a, step});
            } else if (model.containsKey(key)) {
                long[] v = model.remove(key);
                index.remove(key, v[0], v[1]);
            }
            assertEquals(model.size(), index.size());
        }
        for (long key = 1; key <= 100; key++) {
            int slot = index.find(key);
            long[] v = model.get(key);
            if (v == null) {
                assertEquals(-1, slot, "key " + key);
            } else {
                assertTrue(slot >= 0, "key " + key);
                assertEquals(v[0], index.txnA(slot));
                assertEquals(v[1], index.txnB(slot));
            }
        }
    }

    @Test
    void removeLeavesAKeyThatNowNamesAnotherTransaction() {
        MatchIndex index = new MatchIndex(16);
        index.put(5, 1, 1);
        index.put(5, 2, 2); // the same PAN + DE 38 + DE 37 placed again: the newer hold wins
        index.remove(5, 1, 1);
        assertEquals(2, index.txnA(index.find(5)));
    }

    @Test
    void theKeyDependsOnEveryPart() {
        byte[] code = "A1B2C3".getBytes();
        byte[] rrn = "000000123456".getBytes();
        long k = MatchIndex.key(1, 2, code, 0, rrn, 0, 12);
        assertNotEquals(k, MatchIndex.key(1, 3, code, 0, rrn, 0, 12));
        assertNotEquals(k, MatchIndex.key(1, 2, "A1B2C4".getBytes(), 0, rrn, 0, 12));
        assertNotEquals(k, MatchIndex.key(1, 2, code, 0, rrn, 0, 11));
        assertEquals(k, MatchIndex.key(1, 2, code, 0, rrn.clone(), 0, 12));
    }
}
