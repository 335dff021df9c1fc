package io.tatekae.engine;

import java.util.Arrays;

/**
 * One change to a hold, as the engine reports it to the {@link MoneyLog} and as recovery replays it:
 * what changed, plus the request key and content needed to rebuild duplicate and reversal lookups
 * after a restart. A reusable holder; text values are fixed-width ASCII bytes.
 */
public final class HoldEvent {
    public enum Kind {
        PLACED, FORCED, REDUCED, VOIDED, EXPIRED,
        /** Clearing captured the hold for {@code amount}; {@code released} is what the hold had beyond it. */
        CAPTURED,
        /** Clearing posted {@code amount} with no hold to capture (outstanding rises). */
        FORCED_POST,
        /** Clearing credited a refund of {@code amount} (outstanding falls). */
        REFUND,
        /** A payment of {@code amount} (outstanding falls). */
        PAYMENT,
        /** Provisioning set outstanding to {@code amount}; {@code released} carries the change. */
        OUTSTANDING_SET;

        /** True for the kinds that change what the account owes rather than its holds. */
        public boolean changesOutstanding() {
            return switch (this) {
                case PLACED, FORCED, REDUCED, VOIDED, EXPIRED -> false;
                case CAPTURED, FORCED_POST, REFUND, PAYMENT, OUTSTANDING_SET -> true;
            };
        }
    }

    public Kind kind;
    public long holdId;
    public int accountIndex;
    /** The hold's amount after the event (0 once voided or expired). */
    public long amount;
    /** The amount this event released back to the account (0 for PLACED/FORCED; the change for OUTSTANDING_SET). */
    public long released;
    /** The clearing line or payment behind a CAPTURED, FORCED_POST, REFUND or PAYMENT (its idempotency key). */
    public long postingId;
    public long timeMillis;
    /** {@link TxnTable} key and content of the authorization that placed the hold. */
    public long keyA;
    public long keyB;
    public long panHi;
    public long panLo;
    public long amountAndCode;
    public long merchantHash;
    /** The approval code counter of the hold's 0110 (-1 for a forced hold: DE 38 came from the network). */
    public long authCounter;
    public int stan;
    public final byte[] authCode = new byte[AuthCodes.LENGTH];
    public final byte[] rrn = new byte[12];
    public int rrnLength;
    /** The account's id and the card's masked PAN (first 6, last 4): set on PLACED, FORCED and the outstanding kinds. */
    public final byte[] accountId = new byte[16];
    public int accountIdLength;
    public final byte[] maskedPan = new byte[19];
    public int maskedPanLength;
    /** The account's plan (for points) on PLACED and FORCED: 1 STANDARD, 2 PLUS, 0 unknown. */
    public int plan;
    /** PAYMENT: when the customer paid (decides whether on time), the method's code and the payer's reference. */
    public long paidAtMillis;
    public int paymentMethod;
    public final byte[] reference = new byte[45];
    public int referenceLength;

    public void clear() {
        kind = null;
        holdId = 0;
        accountIndex = -1;
        amount = 0;
        released = 0;
        postingId = 0;
        timeMillis = 0;
        keyA = keyB = panHi = panLo = amountAndCode = merchantHash = 0;
        authCounter = -1;
        stan = 0;
        Arrays.fill(authCode, (byte) ' ');
        Arrays.fill(rrn, (byte) ' ');
        rrnLength = 0;
        accountIdLength = 0;
        maskedPanLength = 0;
        plan = 0;
        paidAtMillis = 0;
        paymentMethod = 0;
        referenceLength = 0;
    }
}
