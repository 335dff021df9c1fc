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
    OUTSTANDING_SET(10);

    private static final JournalRecordType[] BY_CODE = new JournalRecordType[16];

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
