package io.tatekae.iso;

import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.MessageKind;

/**
 * Reads a well-formed decoded message into the engine's primitive {@link AuthRequest}. Runs on the
 * I/O thread, into the ring slot; allocates nothing. Mandatory-field checks happen before this.
 */
public final class RequestReader {
    public static final int TAG_CARDHOLDER_NAME = 1;
    public static final int TAG_ECI = 42;
    public static final int TAG_CAVV = 43;
    public static final int TAG_CAV2 = 92;

    public void read(IsoFields f, AuthRequest r) {
        r.clear();
        r.data = f.buffer();
        r.mti = f.mti();
        r.kind = MessageKind.ofMti(r.mti);
        r.stan = (int) num(f, 11);
        r.transmissionDateTime = num(f, 7);
        if (f.has(2)) {
            r.panOffset = f.offset(2);
            r.panLength = f.length(2);
        }
        r.processingCode = (int) num(f, 3);
        r.amount = num(f, 4);
        r.expiry = (int) num(f, 14);
        r.mcc = (int) num(f, 18);
        r.acquirerCountry = (int) num(f, 19);
        if (f.has(22)) {
            r.entryMode = (int) Digits.parse(f.buffer(), f.offset(22), 2);
        }
        r.posCondition = (int) num(f, 25);
        r.acquirerId = num(f, 32);
        r.forwardingId = num(f, 33);
        if (f.has(42)) {
            r.merchantIdOffset = f.offset(42);
            r.merchantIdLength = f.length(42);
        }
        if (f.has(43)) {
            r.merchantNameOffset = f.offset(43);
            r.merchantNameLength = Math.min(25, f.length(43));
            if (f.length(43) >= 40) {
                int c = f.offset(43) + 38;
                r.merchantCountry = (f.buffer()[c] & 0xFF) << 8 | (f.buffer()[c + 1] & 0xFF);
            }
        }
        r.currency = (int) num(f, 49);
        if (f.has(48)) {
            readAdditionalData(f, r);
        }
        if (f.has(61)) {
            readPosData(f, r);
        }
        r.networkCode = (int) num(f, 70);
        if (f.has(90)) {
            readOriginal(f, r);
        }
        if (f.has(95)) {
            r.replacementAmount = Digits.parse(f.buffer(), f.offset(95), 12);
        }
        if (f.has(37)) {
            r.rrnOffset = f.offset(37);
            r.rrnLength = f.length(37);
        }
        if (f.has(38)) {
            r.adviceAuthCodeOffset = f.offset(38);
            r.adviceAuthCodeLength = f.length(38);
        }
        if (f.has(39)) {
            int o = f.offset(39);
            r.adviceResponseCode = (f.buffer()[o] & 0xFF) << 8 | (f.buffer()[o + 1] & 0xFF);
        }
    }

    private static long num(IsoFields f, int de) {
        return f.has(de) ? f.numeric(de) : -1;
    }

    private static void readAdditionalData(IsoFields f, AuthRequest r) {
        byte[] b = f.buffer();
        int p = f.offset(48);
        int end = p + f.length(48);
        while (p + 4 <= end) {
            int tag = (int) Digits.parse(b, p, 2);
            int len = (int) Digits.parse(b, p + 2, 2);
            int value = p + 4;
            if (tag < 0 || len < 0 || value + len > end) {
                return; // the decoder has checked the TLV adds up; this is only a guard
            }
            switch (tag) {
                case TAG_CARDHOLDER_NAME -> {
                    r.typedNameOffset = value;
                    r.typedNameLength = len;
                }
                case TAG_ECI -> r.eci = len == 2 ? (int) Digits.parse(b, value, 2) : -1;
                case TAG_CAV2 -> {
                    r.cav2Offset = value;
                    r.cav2Length = len;
                }
                default -> {
                }
            }
            p = value + len;
        }
    }

    private static void readPosData(IsoFields f, AuthRequest r) {
        byte[] b = f.buffer();
        int o = f.offset(61);
        int len = f.length(61);
        if (len >= 4) {
            int c = b[o + 3] - '0';
            r.cardholderPresence = c >= 0 && c <= 9 ? c : -1;
        }
        if (len >= 16) {
            r.posCountry = (int) Digits.parse(b, o + 13, 3);
        }
    }

    private static void readOriginal(IsoFields f, AuthRequest r) {
        byte[] b = f.buffer();
        int o = f.offset(90);
        if (f.length(90) != 42) {
            return;
        }
        r.originalMti = (int) Digits.parse(b, o, 4);
        r.originalStan = (int) Digits.parse(b, o + 4, 6);
        r.originalDateTime = Digits.parse(b, o + 10, 10);
        r.originalAcquirerId = Digits.parse(b, o + 20, 11);
    }
}
