package io.tatekae.engine;

/**
 * Where the engine records every change of money, in order, on the decision thread. The journal
 * implements it: events are appended here and committed (made durable) once per batch, before that
 * batch's responses leave the switch.
 */
public interface MoneyLog {
    /** Appends one event; the holder is reused by the caller right after. */
    void record(HoldEvent event);

    /** Makes everything recorded so far durable; false when that failed (the batch must not approve). */
    boolean commit();

    MoneyLog NONE = new MoneyLog() {
        @Override
        public void record(HoldEvent event) {
        }

        @Override
        public boolean commit() {
            return true;
        }
    };
}
