package io.tatekae.bench.support;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The part every decision benchmark's state shares: the engine fixture with its two sizes as JMH
 * parameters, and the outcome tally, counted per iteration and checked when the trial ends (JMH runs
 * these inherited parameters, set-up and tear-down methods for each concrete state).
 */
@State(Scope.Thread)
public abstract class DecisionState {
    /** The transaction table's size: the configuration's default, or smaller to see its cache cost. */
    @Param({"1000000"})
    public int txnTableEntries;
    /** Cards provisioned; each request is for the next one (the load pattern of docs/benchmarks.md). */
    @Param({"200704"})
    public int cards;
    public EngineFixture fixture;
    public final DecisionTally tally = new DecisionTally();

    /** Opens the engine over {@link #cards} provisioned cards and a transaction table of {@link #txnTableEntries}. */
    protected void openFixture() {
        fixture = new EngineFixture(cards, txnTableEntries);
    }

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
