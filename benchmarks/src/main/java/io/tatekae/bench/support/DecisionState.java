package io.tatekae.bench.support;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The part every decision benchmark's state shares: the engine fixture and the outcome tally, counted
 * per iteration and checked when the trial ends (JMH runs these inherited set-up and tear-down methods
 * for each concrete state).
 */
public abstract class DecisionState {
    public EngineFixture fixture;
    public final DecisionTally tally = new DecisionTally();

    @Setup(Level.Iteration)
    public void startCounting() {
        tally.startIteration();
    }

    @TearDown(Level.Iteration)
    public void reportAllocation() {
        tally.endIteration(getClass().getSimpleName());
    }

    @TearDown(Level.Trial)
    public void check() {
        fixture.close();
        tally.check();
    }
}
