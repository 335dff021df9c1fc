package io.tatekae.iso;

import io.tatekae.engine.Outcome;

import java.nio.charset.StandardCharsets;

/** The edge mapping of engine outcomes to DE 39 and reason codes (DE 48 tag 90), profile §7. */
public final class ResponseCodes {
    private static final byte[][] DE39 = new byte[Outcome.values().length][];
    private static final int[] REASON = new int[Outcome.values().length];

    static {
        map(Outcome.APPROVED, "00", 0);
        map(Outcome.UNKNOWN_CARD, "14", 1011);
        map(Outcome.EXPIRED_CARD, "54", 1001);
        map(Outcome.CAV2_MISMATCH, "N7", 1045);
        map(Outcome.CAV2_MISSING, "05", 1046);
        map(Outcome.NAME_MISMATCH, "05", 1047);
        map(Outcome.BLOCKED_MERCHANT, "57", 1019);
        map(Outcome.RECURRING_NOT_ALLOWED, "57", 1020);
        map(Outcome.CARD_PRESENT_NOT_ALLOWED, "57", 1022);
        map(Outcome.FOREIGN_CURRENCY, "57", 1030);
        map(Outcome.FOREIGN_MERCHANT, "62", 1031);
        map(Outcome.CARD_NOT_ACTIVE, "62", 1004);
        map(Outcome.ACCOUNT_DELINQUENT, "05", 1005);
        map(Outcome.INSUFFICIENT_CREDIT, "51", 1016);
        map(Outcome.OVER_TRANSACTION_LIMIT, "61", 1021);
        map(Outcome.VELOCITY_EXCEEDED, "65", 1023);
        map(Outcome.THREE_DS_REQUIRED, "1A", 1067);
        map(Outcome.INVALID_AMOUNT, "13", 1010);
        map(Outcome.UNSUPPORTED_TRANSACTION, "12", 1061);
        map(Outcome.FORMAT_ERROR, "30", 9100);
        map(Outcome.ORIGINAL_NOT_FOUND, "25", 1816);
        map(Outcome.ORIGINAL_AFTER_REVERSAL, "05", 1824);
        map(Outcome.DUPLICATE_MISMATCH, "94", 9113);
        map(Outcome.UNAVAILABLE, "91", 9107);
        map(Outcome.INTERNAL_ERROR, "96", 9109);
        for (Outcome o : Outcome.values()) {
            if (DE39[o.ordinal()] == null) {
                throw new ExceptionInInitializerError("no DE 39 for " + o);
            }
        }
    }

    private ResponseCodes() {
    }

    private static void map(Outcome o, String de39, int reason) {
        DE39[o.ordinal()] = de39.getBytes(StandardCharsets.US_ASCII);
        REASON[o.ordinal()] = reason;
    }

    /** DE 39 as two ASCII bytes. */
    public static byte[] de39(Outcome o) {
        return DE39[o.ordinal()];
    }

    /** The four-digit reason code, 0 for an approval. */
    public static int reason(Outcome o) {
        return REASON[o.ordinal()];
    }

    public static String de39String(Outcome o) {
        return new String(DE39[o.ordinal()], StandardCharsets.US_ASCII);
    }
}
