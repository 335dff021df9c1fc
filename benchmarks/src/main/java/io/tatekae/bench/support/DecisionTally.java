package io.tatekae.bench.support;

import io.tatekae.engine.Outcome;

/**
 * What a decision benchmark checks besides time: every decision had the outcome it expected (the run
 * fails otherwise, so approvals really are approvals), and the bytes the benchmark thread allocated
 * per decision in each iteration.
 */
public final class DecisionTally {
    private final ThreadAllocation allocation = new ThreadAllocation();
    private long decisions;
    private long unexpected;

    public void count(Outcome actual, Outcome expected) {
        decisions++;
        if (actual != expected) {
            unexpected++;
        }
    }

    public void startIteration() {
        allocation.start(decisions);
    }

    public void endIteration(String label) {
        allocation.report(label, decisions);
    }

    /** Fails the trial when any decision had another outcome than expected. */
    public void check() {
        if (unexpected > 0) {
            throw new IllegalStateException(unexpected + " of " + decisions + " decisions had an unexpected outcome");
        }
    }
}
