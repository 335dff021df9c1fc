package io.tatekae.pipeline;

import io.tatekae.net.RequestSink;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Where and on which thread requests are decided: the two threading modes behind {@link SwitchPipeline}. */
interface Decisions extends AutoCloseable {
    /** Where the I/O thread hands each frame. */
    RequestSink sink();

    void start();

    /** Asks for the periodic work (hold expiry) on the decision thread; false when it could not be queued now. */
    boolean publishTick();

    /** Runs administrative work on the decision thread, between requests; completes with its result. */
    <T> CompletableFuture<T> onDecisionThread(Supplier<T> work);

    /** Free request slots right now (a gauge). */
    long remainingCapacity();

    /** Answers everything taken in so far (journal committed), then stops deciding. */
    @Override
    void close();
}
