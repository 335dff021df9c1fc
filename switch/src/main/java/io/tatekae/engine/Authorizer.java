package io.tatekae.engine;

/** The decision engine as the pipeline calls it: on the decision thread only. */
public interface Authorizer {
    /** Decides a well-formed 0100/0120/0400/0420 from a signed-on connection. */
    void decide(AuthRequest request, Decision decision);

    /**
     * Called once per batch after the last event, before responses are flushed: makes the batch's
     * money changes durable (journal commit). False when that failed.
     */
    default boolean endOfBatch() {
        return true;
    }

    /** After a failed {@link #endOfBatch}: takes back the batch's money changes (answered 91 instead). */
    default void batchFailed() {
    }

    /** Periodic work on the decision thread (hold expiry), about once a second. */
    default void onTick() {
    }

    /** Until the engine is wired, every request other than 0800 is answered 91. */
    Authorizer UNAVAILABLE = (request, decision) -> decision.set(Outcome.UNAVAILABLE);
}
