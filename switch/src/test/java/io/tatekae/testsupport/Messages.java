package io.tatekae.testsupport;

import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.nio.charset.StandardCharsets;

/**
 * Request messages for tests, with the sample frames' defaults (an e-commerce purchase in Japan,
 * 3-D Secure authenticated, POS data present). Fields are jPOS strings; set() overrides or unset()s.
 */
public final class Messages {
    public static final String ACQUIRER = "123456";
    public static final String DEFAULT_DATE_TIME = "1123120000";
    /** Per thread: a calculator keeps scratch buffers and ciphers. */
    private static final ThreadLocal<Cav2Calculator> CAV2 = ThreadLocal.withInitial(() -> new Cav2Calculator(
            CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210")));

    private Messages() {
    }

    public static ISOMsg networkManagement(String stan, String code) {
        ISOMsg m = new ISOMsg();
        set(m, 0, "0800");
        set(m, 7, DEFAULT_DATE_TIME);
        set(m, 11, stan);
        set(m, 70, code);
        return m;
    }

    /** The CAV2 of a test card under the published test keys. */
    public static String cav2(String pan, String expiryYymm) {
        byte[] p = pan.getBytes(StandardCharsets.US_ASCII);
        return String.format("%03d", CAV2.get().compute(p, 0, p.length, Integer.parseInt(expiryYymm), Cav2Calculator.CAV2_SERVICE_CODE));
    }

    /** DE 48 TLV from tag/value pairs, e.g. tlv("01", "TARO YAMADA", "42", "05"). */
    public static String tlv(String... tagValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tagValues.length; i += 2) {
            b.append(tagValues[i]).append(String.format("%02d", tagValues[i + 1].length())).append(tagValues[i + 1]);
        }
        return b.toString();
    }

    /** An e-commerce purchase that the test card 'pan' (with its expiry and name) should get approved. */
    public static ISOMsg purchase(String pan, String expiry, String name, long amount, String stan) {
        ISOMsg m = new ISOMsg();
        set(m, 0, "0100");
        set(m, 2, pan);
        set(m, 3, "000000");
        set(m, 4, String.format("%012d", amount));
        set(m, 7, DEFAULT_DATE_TIME);
        set(m, 11, stan);
        set(m, 12, "120000");
        set(m, 13, "1123");
        set(m, 14, expiry);
        set(m, 18, "5732");
        set(m, 19, "392");
        set(m, 22, "810");
        set(m, 25, "59");
        set(m, 32, ACQUIRER);
        set(m, 37, "5327" + stan + "01");
        set(m, 41, "TERM0001");
        set(m, 42, "MERCHANT0000001");
        set(m, 43, "TATEKAE DENKI ONLINE     TOKYO        JP");
        set(m, 48, tlv("01", name, "42", "05", "43", "AAABAWFlmQAAAABjRWWZEEFgFz0=", "92", cav2(pan, expiry)));
        set(m, 49, "392");
        set(m, 61, "0005000000000392");
        return m;
    }

    /** A reversal (0400, or 0420 with mti) of the given original request. */
    public static ISOMsg reversal(String mti, ISOMsg original, String stan, String replacementAmount) {
        ISOMsg m = new ISOMsg();
        set(m, 0, mti);
        for (int de : new int[] {2, 3, 4, 32, 37, 42, 49}) {
            set(m, de, original.getString(de));
        }
        set(m, 7, "1123120005");
        set(m, 11, stan);
        String origAcq = String.format("%011d", Long.parseLong(original.getString(32)));
        set(m, 90, original.getString(0) + original.getString(11) + original.getString(7) + origAcq + "00000000000");
        if (replacementAmount != null) {
            set(m, 95, String.format("%012d", Long.parseLong(replacementAmount)) + "0".repeat(30));
        }
        return m;
    }

    /** A stand-in advice (0120) for a purchase the network approved (DE 39 00) with DE 38 STNDIN. */
    public static ISOMsg advice(ISOMsg purchase, String stan, String responseCode) {
        ISOMsg m = (ISOMsg) purchase.clone();
        set(m, 0, "0120");
        set(m, 11, stan);
        set(m, 38, "STNDIN");
        set(m, 39, responseCode);
        return m;
    }

    /** DE 54's available credit (account type 00, amount type 02, JPY), signed; fails the test when malformed. */
    public static long de54(ISOMsg r) {
        String s = r.getString(54);
        if (s == null || s.length() != 20 || !s.startsWith("0002392")) {
            throw new AssertionError("DE 54 " + s);
        }
        long amount = Long.parseLong(s.substring(8));
        return switch (s.charAt(7)) {
            case 'C' -> amount;
            case 'D' -> -amount;
            default -> throw new AssertionError("DE 54 sign " + s);
        };
    }

    public static ISOMsg set(ISOMsg m, int de, String value) {
        try {
            if (de == 0) {
                m.setMTI(value);
            } else if (value == null) {
                m.unset(de);
            } else {
                m.set(de, value);
            }
            return m;
        } catch (ISOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
