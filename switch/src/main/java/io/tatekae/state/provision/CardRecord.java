package io.tatekae.state.provision;

import io.tatekae.state.Luhn;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.MaskedPan;

/** A validated {@code "type":"card"} line. Holds the PAN only until it is hashed; prints it masked. */
record CardRecord(String pan, int expiryYymm, String name, String accountId, long limit, CardStatus status) {
    static final int MIN_PAN_DIGITS = 12;
    static final int MAX_PAN_DIGITS = 19;

    static CardRecord parse(ObjectNode obj) throws InvalidRecordException {
        String pan = pan(obj);
        int expiry = expiry(obj);
        String name = name(obj);
        String account = AccountRecord.accountId(obj, "account");
        long limit = RecordFields.wholeNumber(obj, "limit", CardState.MIN_LIMIT, CardState.MAX_LIMIT);
        CardStatus status = RecordFields.oneOf(obj, "status", CardStatus.class);
        return new CardRecord(pan, expiry, name, account, limit, status);
    }

    private static String pan(ObjectNode obj) throws InvalidRecordException {
        String pan = RecordFields.text(obj, "pan");
        if (pan.length() < MIN_PAN_DIGITS || pan.length() > MAX_PAN_DIGITS || !allDigits(pan)) {
            throw new InvalidRecordException("\"pan\" must be " + MIN_PAN_DIGITS + " to " + MAX_PAN_DIGITS + " digits");
        }
        if (!Luhn.isValid(pan)) {
            throw new InvalidRecordException("pan " + MaskedPan.of(pan) + " fails the Luhn check");
        }
        return pan;
    }

    private static int expiry(ObjectNode obj) throws InvalidRecordException {
        String expiry = RecordFields.text(obj, "expiry");
        if (expiry.length() != 4 || !allDigits(expiry)) {
            throw new InvalidRecordException("\"expiry\" must be YYMM (4 digits)");
        }
        int yymm = Integer.parseInt(expiry);
        int month = yymm % 100;
        if (month < 1 || month > 12) {
            throw new InvalidRecordException("\"expiry\" month must be 01 to 12");
        }
        return yymm;
    }

    private static String name(ObjectNode obj) throws InvalidRecordException {
        String name = RecordFields.text(obj, "name");
        if (name.isBlank() || name.length() > CardState.NAME_CAPACITY || !RecordFields.isPrintableAscii(name)) {
            throw new InvalidRecordException("\"name\" must be 1 to " + CardState.NAME_CAPACITY
                    + " printable ASCII characters, not all spaces");
        }
        return name.toUpperCase(Locale.ROOT);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    String maskedPan() {
        return MaskedPan.of(pan);
    }

    @Override
    public String toString() {
        return "CardRecord[" + maskedPan() + " expiry=" + expiryYymm + " account=" + accountId + " limit=" + limit
                + " " + status + "]";
    }
}
