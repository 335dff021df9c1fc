package io.tatekae.pipeline;

import io.netty.channel.EventLoop;
import io.tatekae.config.PipelineConfig;
import io.tatekae.config.ThreadingMode;
import io.tatekae.engine.Authorizer;
import io.tatekae.net.NetStats;
import io.tatekae.net.Rejector;
import io.tatekae.net.RequestSink;
import io.tatekae.spec.ProfileSpec;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How requests reach the single-threaded decision: on the network I/O thread itself
 * ({@link InlineDecisions}, run-to-completion) or through the Disruptor ring to a decision thread
 * ({@link DecisionRing}), as {@code pipeline.threading} says. Either way one thread decides, so the
 * engine needs no locks, and administrative work runs on that thread between requests.
 */
public final class SwitchPipeline implements AutoCloseable {
    private final PipelineStats stats = new PipelineStats();
    private final Supplier<Rejector> rejectors;
    private final Decisions decisions;

    /** @param ioThread the network I/O event loop, which decides in run-to-completion mode */
    public SwitchPipeline(PipelineConfig settings, ProfileSpec spec, Authorizer authorizer, NetStats netStats,
                          EventLoop ioThread) {
        DecisionHandler handler = new DecisionHandler(new RequestRouter(authorizer, netStats), spec, stats, settings.maxBatch());
        decisions = settings.threading() == ThreadingMode.RING
                ? new DecisionRing(settings, spec, handler)
                : new InlineDecisions(ioThread, spec, handler, stats, settings.maxBatch());
        rejectors = () -> new IsoRejector(spec);
    }

    public void start() {
        decisions.start();
    }

    public RequestSink sink() {
        return decisions.sink();
    }

    public Supplier<Rejector> rejectors() {
        return rejectors;
    }

    public PipelineStats stats() {
        return stats;
    }

    /** Asks the decision thread for its periodic work; false when it could not be queued now (the next tick comes soon). */
    public boolean publishTick() {
        return decisions.publishTick();
    }

    /**
     * Runs administrative work on the decision thread, between requests, so it needs no locks
     * against the engine. The result completes when the work has run.
     */
    public <T> CompletableFuture<T> onDecisionThread(Supplier<T> work) {
        return decisions.onDecisionThread(work);
    }

    /** Free request slots right now. */
    public long remainingCapacity() {
        return decisions.remainingCapacity();
    }

    /** Answers everything taken in so far, journal committed, then stops deciding. */
    @Override
    public void close() {
        decisions.close();
    }
}
