package io.tatekae.engine;

/**
 * Where the engine records every change of money, in order, on the decision thread. The journal
 * implements it: records are appended here and committed (made durable) once per batch, before
 * that batch's responses leave the switch.
 */
public interface MoneyLog {
    /** An approved purchase's hold, or (forced) an advice's hold placed even over the limit. */
    void holdPlaced(long holdId, int accountIndex, long amount, long nowMillis, boolean forced, AuthRequest request, byte[] authCode);

    /** A partial reversal lowered a hold to {@code newAmount}. */
    void holdReduced(long holdId, int accountIndex, long newAmount, long released, long nowMillis);

    /** A reversal voided a hold. */
    void holdVoided(long holdId, int accountIndex, long released, long nowMillis);

    /** A hold outlived its lifetime and was released. */
    void holdExpired(long holdId, int accountIndex, long released, long nowMillis);

    /** Makes everything logged so far durable; false when that failed (the batch must not approve). */
    boolean commit();

    MoneyLog NONE = new MoneyLog() {
        @Override
        public void holdPlaced(long holdId, int accountIndex, long amount, long nowMillis, boolean forced, AuthRequest request, byte[] authCode) {
        }

        @Override
        public void holdReduced(long holdId, int accountIndex, long newAmount, long released, long nowMillis) {
        }

        @Override
        public void holdVoided(long holdId, int accountIndex, long released, long nowMillis) {
        }

        @Override
        public void holdExpired(long holdId, int accountIndex, long released, long nowMillis) {
        }

        @Override
        public boolean commit() {
            return true;
        }
    };
}
