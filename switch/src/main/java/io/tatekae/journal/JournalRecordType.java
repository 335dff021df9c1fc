package io.tatekae.journal;

/** What a journal record says happened to money. The code is the byte stored on disk: never renumber. */
public enum JournalRecordType {
    /** An approved purchase placed a hold for {@code amount}. */
    HOLD_PLACED(1),
    /** An advice (0120, DE 39 00): the network approved for us; the hold is placed regardless of credit. */
    HOLD_FORCED(2),
    /** A full reversal released the hold. */
    HOLD_VOIDED(3),
    /** A partial reversal lowered the hold to {@code amount} (the new amount). */
    HOLD_REDUCED(4),
    /** The hold was not cleared in time and its amount was released. */
    HOLD_EXPIRED(5),
    /** Clearing captured the hold for {@code amount} (owed from now on); {@code secondAmount} is what was released. */
    HOLD_CAPTURED(6),
    /** Clearing posted {@code amount} with no matching hold. */
    FORCED_POST(7),
    /** Clearing credited a refund of {@code amount}. */
    REFUND_CREDIT(8),
    /** The account paid {@code amount} of what it owes. */
    PAYMENT(9),
    /**
     * Provisioning set the account's outstanding to {@code amount} (an opening balance that no other
     * record explains); {@code secondAmount} is the change from what the switch held before. Recovery
     * starts each account's outstanding from its last such record; the ledger posts the change.
     */
    OUTSTANDING_SET(10),
    /**
     * A month closed for an account: {@code amount} is the amount due, {@code secondAmount} the fees it
     * added to what the account owes; x1..x6 carried over, purchases, refunds, plan fee, billing fee and
     * points used; n1 the month (YYYYMM), n2 the due date (YYYYMMDD).
     */
    STATEMENT_CLOSED(11),
    /** {@code amount} points redeemed against the statement of month n1 (YYYYMM), taken from the lot expiring at x1. */
    POINTS_REDEEMED(12),
    /**
     * A card's limit went from {@code secondAmount} to {@code amount} (the card: PAN key and masked PAN);
     * n1 the cause, x1 its reference (a month or a payment's posting id), text the cause in words.
     */
    CARD_LIMIT_SET(13),
    /** The account's status went from n2 to {@code amount} (0 GOOD, 1 DELINQUENT); n1 the cause, x1 its reference. */
    ACCOUNT_STATUS(14),
    /** The account's credit limit went from {@code secondAmount} to {@code amount}; x2 1 when direct debit is now registered. */
    CREDIT_LIMIT_SET(15),
    /** A card was issued (PAN key, masked PAN, account, limit {@code amount}, expiry n2 as YYMM, name in text); never its PAN or CAV2. */
    CARD_ISSUED(16);

    private static final JournalRecordType[] BY_CODE = new JournalRecordType[32];

    static {
        for (JournalRecordType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;

    JournalRecordType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** @return the type for a stored code, or null when the code is unknown. */
    public static JournalRecordType fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
