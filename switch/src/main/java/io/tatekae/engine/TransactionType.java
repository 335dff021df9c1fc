package io.tatekae.engine;

/** DE 3 positions 1-2. */
public final class TransactionType {
    public static final int PURCHASE = 0;
    public static final int REFUND = 20;
    public static final int BALANCE_INQUIRY = 30;

    private TransactionType() {
    }
}
