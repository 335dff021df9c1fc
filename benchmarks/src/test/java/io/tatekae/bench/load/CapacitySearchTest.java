package io.tatekae.bench.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The capacity search against a server whose knee is known: which rates it tries and what it reports. */
class CapacitySearchTest {
    private static final List<Double> FIXED = List.of(1_000.0, 5_000.0, 10_000.0, 20_000.0, 40_000.0, 80_000.0);

    @Test
    void bisectsBetweenTheHighestRateThatHeldAndTheLowestThatFailed() {
        List<Double> tried = new ArrayList<>();
        CapacitySearch.Capacity c = search(rate -> rate <= 26_000, 3, tried);
        assertEquals(List.of(28_300.0, 23_800.0, 26_000.0), tried, "geometric means of the bracket, to the nearest 100/s");
        assertEquals(26_000, c.rate());
        assertEquals(28_300, c.failedAt());
        assertFalse(c.atLeast());
        assertTrue(c.reason().contains("at 28,300/s"), c.reason());
    }

    @Test
    void aRateThatFailsBelowOneThatHeldIsNamedButDoesNotHideTheKnee() {
        // 5,000/s fails (a stall in its 8 s), 10,000 and 20,000/s hold, 40,000/s fails: the knee is above 20,000/s.
        List<Double> tried = new ArrayList<>();
        CapacitySearch.Capacity c = search(rate -> rate != 5_000 && rate < 30_000, 1, tried);
        assertEquals(List.of(28_300.0), tried);
        assertEquals(28_300, c.rate());
        assertEquals(40_000, c.failedAt());
        assertTrue(c.reason().contains("also missed at 5,000/s, below it (p99=2ms missed)"), c.reason());
    }

    @Test
    void everyRateAboveALowFailureHeldSoItStepsUpAndStillNamesTheFailure() {
        List<Double> tried = new ArrayList<>();
        CapacitySearch.Capacity c = search(rate -> rate != 1_000, 1, tried);
        assertEquals(List.of(120_000.0, 180_000.0, 200_000.0), tried);
        assertTrue(c.atLeast());
        assertTrue(c.describe().startsWith(">= 200,000/s") && c.describe().contains("also missed at 1,000/s"), c.describe());
    }

    @Test
    void whenEveryRateHeldItStepsUpToTheMaximum() {
        List<Double> tried = new ArrayList<>();
        CapacitySearch.Capacity c = search(rate -> true, 3, tried);
        assertEquals(List.of(120_000.0, 180_000.0, 200_000.0), tried);
        assertTrue(c.atLeast());
        assertEquals(200_000, c.rate());
        assertTrue(c.describe().startsWith(">= 200,000/s"), c.describe());
    }

    @Test
    void whenTheLowestRateFailedItStepsDownAndSaysBelow() {
        List<Double> tried = new ArrayList<>();
        CapacitySearch.Capacity c = search(rate -> rate < 100, 2, tried);
        assertEquals(List.of(670.0, 450.0), tried);
        assertEquals(0, c.rate());
        assertEquals(450, c.failedAt());
        assertTrue(c.describe().startsWith("< 450/s"), c.describe());
    }

    @Test
    void stopsWhenTheBracketIsWithinFivePercent() {
        CapacitySearch s = new CapacitySearch(1.5, 200_000, 10);
        s.record(20_000, List.of());
        s.record(20_800, List.of("p99=2ms missed"));
        assertTrue(Double.isNaN(s.next()));
    }

    private static CapacitySearch.Capacity search(DoublePredicate holds, int bisections, List<Double> tried) {
        CapacitySearch s = new CapacitySearch(1.5, 200_000, bisections);
        for (double r : FIXED) {
            s.record(r, holds.test(r) ? List.of() : List.of("p99=2ms missed"));
        }
        double rate;
        while (!Double.isNaN(rate = s.next())) {
            tried.add(rate);
            s.record(rate, holds.test(rate) ? List.of() : List.of("p99=2ms missed"));
        }
        return s.result();
    }
}
