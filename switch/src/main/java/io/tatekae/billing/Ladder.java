package io.tatekae.billing;

import java.util.Arrays;
import java.util.List;

/** The card-limit ladder (billing.md §5): rungs in ascending yen. */
public final class Ladder {
    private final long[] rungs;

    public Ladder(List<Long> rungs) {
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rung");
        }
        this.rungs = rungs.stream().mapToLong(Long::longValue).toArray();
        for (int i = 1; i < this.rungs.length; i++) {
            if (this.rungs[i] <= this.rungs[i - 1]) {
                throw new IllegalArgumentException("ladder must climb: " + Arrays.toString(this.rungs));
            }
        }
    }

    public long first() {
        return rungs[0];
    }

    public long top() {
        return rungs[rungs.length - 1];
    }

    /** The rung above {@code limit} (the smallest rung greater than it), or {@code limit} at or above the top. */
    public long above(long limit) {
        for (long rung : rungs) {
            if (rung > limit) {
                return rung;
            }
        }
        return limit;
    }

    /** The index of the highest rung at or below {@code limit}; 0 when it is below the first. */
    public int rungOf(long limit) {
        int index = 0;
        for (int i = 0; i < rungs.length; i++) {
            if (rungs[i] <= limit) {
                index = i;
            }
        }
        return index;
    }

    /** The limit of rung {@code index}, the top one when {@code index} is beyond it. */
    public long rung(int index) {
        return rungs[Math.max(0, Math.min(index, rungs.length - 1))];
    }

    public int size() {
        return rungs.length;
    }

    @Override
    public String toString() {
        return Arrays.toString(rungs);
    }
}
