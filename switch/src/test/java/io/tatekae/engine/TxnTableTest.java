package io.tatekae.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transaction table against a plain map, under random inserts, removals, state changes, eviction and expiry. */
class TxnTableTest {
    private record Entry(long a, long b, long created, long holdAmount, long panHi) {
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 100, 4096})
    void behavesLikeAMapThatForgetsTheOldestButNeverAnOpenHold(int maxEntries) {
        SplittableRandom random = new SplittableRandom(maxEntries);
        TxnTable table = new TxnTable(maxEntries);
        Map<Long, Entry> model = new LinkedHashMap<>();
        Map<Long, Byte> states = new LinkedHashMap<>();
        long now = 0;
        for (int step = 0; step < 40_000; step++) {
            now += random.nextInt(3);
            int op = random.nextInt(100);
            if (op < 60) {
                long a = random.nextLong(1 << 20);
                long b = random.nextInt(4);
                if (table.find(a, b) >= 0) {
                    continue;
                }
                if (!table.makeRoom(1)) {
                    assertTrue(states.values().stream().allMatch(s -> s == TxnTable.HOLD_OPEN),
                            "makeRoom refused while answers could be forgotten");
                    continue;
                }
                forgetEvicted(table, model, states);
                byte state = random.nextInt(3) == 0 ? TxnTable.HOLD_OPEN : TxnTable.ANSWERED;
                int slot = table.insert(a, b, state, now);
                long amount = random.nextInt(50_000);
                table.hold(slot, step, 7, amount);
                table.content(slot, a ^ 0x5555, b, amount, step);
                model.put(a * 4 + b, new Entry(a, b, now, amount, a ^ 0x5555));
                states.put(a * 4 + b, state);
            } else if (op < 75 && !model.isEmpty()) {
                // Holds close (reversal, capture); the engine reopens one only when its batch fails, at once.
                Entry e = pick(model, random);
                int slot = table.find(e.a(), e.b());
                if (table.state(slot) == TxnTable.HOLD_OPEN) {
                    table.state(slot, TxnTable.HOLD_CLOSED);
                    if (random.nextInt(4) == 0) {
                        table.state(slot, TxnTable.HOLD_OPEN);
                    }
                }
                states.put(e.a() * 4 + e.b(), table.state(slot));
            } else if (op < 85 && !model.isEmpty()) {
                Entry e = pick(model, random);
                table.remove(table.find(e.a(), e.b()));
                table.dropStaleHeads();
                model.remove(e.a() * 4 + e.b());
                states.remove(e.a() * 4 + e.b());
            } else if (op < 95) {
                int slot = table.oldest();
                if (slot >= 0) {
                    // Expiry walks from oldest(): no open hold may be older, or it would expire late.
                    long oldestOpen = model.values().stream().filter(e -> states.get(e.a() * 4 + e.b()) == TxnTable.HOLD_OPEN)
                            .mapToLong(Entry::created).min().orElse(Long.MAX_VALUE);
                    assertTrue(table.createdMillis(slot) <= oldestOpen, "an open hold is older than oldest()");
                    if (random.nextBoolean()) {
                        long key = table.keyA(slot) * 4 + table.keyB(slot);
                        table.remove(slot);
                        table.popOldest();
                        model.remove(key);
                        states.remove(key);
                    }
                } else {
                    assertTrue(model.isEmpty());
                }
            } else {
                checkAll(table, model, states);
            }
            assertEquals(model.size(), table.size());
            assertTrue(table.size() <= maxEntries);
        }
        checkAll(table, model, states);
        TxnTable copy = exportAndImport(table, maxEntries);
        checkAll(copy, model, states);
        assertEquals(table.oldest() < 0 ? -1 : table.createdMillis(table.oldest()),
                copy.oldest() < 0 ? -1 : copy.createdMillis(copy.oldest()), "the same oldest entry after a snapshot");
        while (table.oldest() >= 0) { // both forget in the same order
            assertEquals(table.keyA(table.oldest()), copy.keyA(copy.oldest()));
            table.remove(table.oldest());
            table.popOldest();
            copy.remove(copy.oldest());
            copy.popOldest();
        }
        assertEquals(0, copy.size());
    }

    /** Through a snapshot: what exportEntries writes, importEntries reads into a new table. */
    private static TxnTable exportAndImport(TxnTable table, int maxEntries) {
        List<Long> longs = new ArrayList<>();
        table.exportEntries(longs::add);
        TxnTable copy = new TxnTable(maxEntries);
        Iterator<Long> in = longs.iterator();
        copy.importEntries(in::next);
        assertFalse(in.hasNext(), "import read everything export wrote");
        assertEquals(table.size(), copy.size());
        assertEquals(table.openHolds(), copy.openHolds());
        assertEquals(table.matchCount(), copy.matchCount());
        return copy;
    }

    @Test
    void anOldOpenHoldDoesNotBlockTheMemoryOfNewerRequests() {
        TxnTable table = new TxnTable(16);
        table.insert(1, 1, TxnTable.HOLD_OPEN, 0);
        for (int i = 2; i < 1_000; i++) {
            assertTrue(table.makeRoom(1), "request " + i + " found no room");
            table.insert(i, 1, TxnTable.ANSWERED, i);
        }
        assertTrue(table.find(1, 1) >= 0, "the open hold was forgotten");
        assertEquals(1, table.openHolds());
        assertEquals(0, table.createdMillis(table.oldest()), "the parked hold is still the oldest entry");
    }

    @Test
    void theLargestTableItAcceptsHasSlotsThatFitInOneArrayAndOneEntryMoreIsRefusedAtOnce() {
        long slots = Long.highestOneBit(2L * TxnTable.MAX_ENTRIES - 1) << 1;
        assertTrue(slots * 16 <= Integer.MAX_VALUE - 8, slots + " slots of 16 longs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TxnTable(TxnTable.MAX_ENTRIES + 1));
        assertTrue(e.getMessage().contains(".." + TxnTable.MAX_ENTRIES), e.getMessage());
    }

    @Test
    void aTableFullOfOpenHoldsRefusesMore() {
        TxnTable table = new TxnTable(16);
        for (int i = 0; i < 16; i++) {
            assertTrue(table.makeRoom(1));
            table.insert(i, 1, TxnTable.HOLD_OPEN, i);
        }
        assertFalse(table.makeRoom(1));
        table.state(table.find(3, 1), TxnTable.HOLD_CLOSED);
        assertTrue(table.makeRoom(1), "a closed hold can be forgotten");
        assertEquals(-1, table.find(3, 1));
        assertEquals(15, table.openHolds());
    }

    private static void forgetEvicted(TxnTable table, Map<Long, Entry> model, Map<Long, Byte> states) {
        model.values().removeIf(e -> {
            boolean gone = table.find(e.a(), e.b()) < 0;
            if (gone) {
                assertTrue(states.get(e.a() * 4 + e.b()) != TxnTable.HOLD_OPEN, "an open hold was evicted");
                states.remove(e.a() * 4 + e.b());
            }
            return gone;
        });
    }

    private static Entry pick(Map<Long, Entry> model, SplittableRandom random) {
        int n = random.nextInt(model.size());
        return model.values().stream().skip(n).findFirst().orElseThrow();
    }

    private static void checkAll(TxnTable table, Map<Long, Entry> model, Map<Long, Byte> states) {
        int open = 0;
        for (Entry e : model.values()) {
            int slot = table.find(e.a(), e.b());
            assertTrue(slot >= 0, "lost " + e);
            assertEquals(states.get(e.a() * 4 + e.b()), table.state(slot));
            assertEquals(e.holdAmount(), table.holdAmount(slot));
            assertEquals(e.created(), table.createdMillis(slot));
            assertTrue(table.samePan(slot, e.panHi(), e.b()));
            assertEquals(7, table.accountIndex(slot));
            open += table.state(slot) == TxnTable.HOLD_OPEN ? 1 : 0;
        }
        assertEquals(open, table.openHolds());
    }
}
