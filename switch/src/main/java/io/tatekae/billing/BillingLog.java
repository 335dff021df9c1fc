package io.tatekae.billing;

/** Where billing journals its events, in order with the engine's, committed with the same batch. */
@FunctionalInterface
public interface BillingLog {
    /** Appends the event; the holder is reused by the caller right after. */
    void record(BillingEvent event);

    BillingLog NONE = event -> { };
}
