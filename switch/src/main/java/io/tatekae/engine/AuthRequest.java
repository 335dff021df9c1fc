package io.tatekae.engine;

import java.util.Arrays;

/**
 * The engine's view of one request: primitives read from the wire by the I/O thread, plus offsets
 * of the few text values (PAN, merchant ID and name, typed cardholder name, CAV2) into {@link #data}.
 * Preallocated per ring slot and overwritten for every message. Absent optional values are -1.
 */
public final class AuthRequest {
    public MessageKind kind;
    public int mti;
    /** The bytes the offsets below point into (the ring slot's frame buffer). */
    public byte[] data;

    public int panOffset;
    public int panLength;
    public int processingCode;
    public long amount;
    /** DE 7 as the number MMDDhhmmss. */
    public long transmissionDateTime;
    public int stan;
    public int expiry;
    public int mcc;
    public int acquirerCountry;
    /** DE 22 positions 1-2. */
    public int entryMode;
    public int posCondition;
    public long acquirerId;
    public long forwardingId;
    public int merchantIdOffset;
    public int merchantIdLength;
    public int merchantNameOffset;
    public int merchantNameLength;
    /** DE 43 positions 39-40 as two ASCII bytes (high byte first), -1 when DE 43 is absent. */
    public int merchantCountry;
    public int currency;

    public int typedNameOffset;
    /** 0 when DE 48 tag 01 was sent empty; -1 when it was not sent. */
    public int typedNameLength;
    public int eci;
    public int cav2Offset;
    public int cav2Length;

    /** DE 61 position 4, -1 when DE 61 is absent. */
    public int cardholderPresence;
    /** DE 61 positions 14-16, -1 when absent or too short. */
    public int posCountry;

    public int networkCode;

    public int originalMti;
    public int originalStan;
    public long originalDateTime;
    public long originalAcquirerId;
    public long replacementAmount;

    /** DE 39 of an advice as two ASCII bytes, -1 when absent. */
    public int adviceResponseCode;
    /** DE 38 of an advice (the network's stand-in approval code). */
    public int adviceAuthCodeOffset;
    public int adviceAuthCodeLength;
    /** DE 37. */
    public int rrnOffset;
    public int rrnLength;

    public void clear() {
        kind = MessageKind.UNSUPPORTED;
        mti = -1;
        panOffset = 0;
        panLength = 0;
        processingCode = -1;
        amount = -1;
        transmissionDateTime = -1;
        stan = -1;
        expiry = -1;
        mcc = -1;
        acquirerCountry = -1;
        entryMode = -1;
        posCondition = -1;
        acquirerId = -1;
        forwardingId = -1;
        merchantIdOffset = 0;
        merchantIdLength = 0;
        merchantNameOffset = 0;
        merchantNameLength = 0;
        merchantCountry = -1;
        currency = -1;
        typedNameOffset = 0;
        typedNameLength = -1;
        eci = -1;
        cav2Offset = 0;
        cav2Length = -1;
        cardholderPresence = -1;
        posCountry = -1;
        networkCode = -1;
        originalMti = -1;
        originalStan = -1;
        originalDateTime = -1;
        originalAcquirerId = -1;
        replacementAmount = -1;
        adviceResponseCode = -1;
        adviceAuthCodeOffset = 0;
        adviceAuthCodeLength = 0;
        rrnOffset = 0;
        rrnLength = 0;
    }

    public int transactionType() {
        return processingCode < 0 ? -1 : processingCode / 10_000;
    }

    /** Overwrites the CAV2 digits in the frame buffer once checked: no CAV2 outlives its check. */
    public void wipeCav2() {
        if (cav2Length > 0) {
            Arrays.fill(data, cav2Offset, cav2Offset + cav2Length, (byte) '0');
        }
    }
}
