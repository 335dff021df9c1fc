package io.tatekae.iso;

import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.MessageKind;

/**
 * Reads a well-formed decoded message into the engine's primitive {@link AuthRequest}. Runs on the
 * I/O thread, into the ring slot; allocates nothing. Mandatory-field checks happen before this.
 */
public final class RequestReader {
    private final De48Tlv tlv = new De48Tlv();

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
            r.entryMode = (int) f.numeric(22, 0, 2);
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
            r.replacementAmount = f.numeric(95, 0, 12);
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

    private void readAdditionalData(IsoFields f, AuthRequest r) {
        if (!tlv.start(f)) {
            return;
        }
        while (tlv.next()) {
            switch (tlv.tag()) {
                case De48Tlv.TAG_CARDHOLDER_NAME -> {
                    r.typedNameOffset = tlv.valueOffset();
                    r.typedNameLength = tlv.valueLength();
                }
                case De48Tlv.TAG_ECI -> r.eci = tlv.valueLength() == 2
                        ? Ascii.digits(f.buffer(), tlv.valueOffset(), 2) : -1;
                case De48Tlv.TAG_CAV2 -> {
                    r.cav2Offset = tlv.valueOffset();
                    r.cav2Length = tlv.valueLength();
                }
                default -> {
                }
            }
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
            r.posCountry = Ascii.digits(b, o + 13, 3);
        }
    }

    private static void readOriginal(IsoFields f, AuthRequest r) {
        r.originalMti = (int) f.numeric(90, 0, 4);
        r.originalStan = (int) f.numeric(90, 4, 6);
        r.originalDateTime = f.numeric(90, 10, 10);
        r.originalAcquirerId = f.numeric(90, 20, 11);
    }
}
