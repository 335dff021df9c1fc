package io.tatekae.bench.support;

import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.iso.IsoWriter;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.state.Luhn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Benchmark cards (one per account, card limit 50,000 yen, account line 10,000,000 yen, expiry 3012) and
 * the frames the networks would send for them: an e-commerce 0100 as in the sample frames (3-D Secure,
 * CAV2, typed name) and its 0400. Frames are built once, with our writer, without the 4-byte header.
 */
public final class TestCardSet {
    public static final String EXPIRY = "3012";
    public static final String DATE_TIME = "1123120000";
    public static final String ACQUIRER = "123456";
    public static final String ALLOWED_MCC = "5732";
    /** Betting (issuer-policy.md blocked MCCs). */
    public static final String BLOCKED_MCC = "7995";
    private static final String[] NAMES = {"TARO YAMADA", "HANAKO SUZUKI", "SHOTA SATO", "MISAKI ITO"};

    private final int count;
    private final Cav2Calculator cav2 = new Cav2Calculator(
            CardVerificationKeys.fromHex(EngineFixture.CVK_A, EngineFixture.CVK_B));
    private final IsoWriter writer = new IsoWriter(ProfileSpec.load());
    private final byte[] scratch = new byte[4096];

    public TestCardSet(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    public static String pan(int i) {
        return Luhn.withCheckDigit("3540992" + String.format("%08d", i));
    }

    /** A PAN that passes Luhn but is provisioned nowhere. */
    public static String unknownPan() {
        return Luhn.withCheckDigit("353999900000000");
    }

    static String name(int i) {
        return NAMES[i % NAMES.length];
    }

    String provisioningJsonLines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("{\"type\":\"account\",\"id\":\"B").append(i)
                    .append("\",\"creditLimit\":10000000,\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true}\n");
            b.append("{\"type\":\"card\",\"pan\":\"").append(pan(i)).append("\",\"expiry\":\"").append(EXPIRY)
                    .append("\",\"name\":\"").append(name(i)).append("\",\"account\":\"B").append(i)
                    .append("\",\"limit\":50000,\"status\":\"ACTIVE\"}\n");
        }
        return b.toString();
    }

    /** The 0100 of card i (STAN 000001; benchmarks overwrite DE 7 and DE 11 per request). */
    public byte[] purchase(int i, long amount, String mcc) {
        return purchase(pan(i), name(i), amount, mcc, "000001");
    }

    /** The 0100 of a card provisioned nowhere ({@link #unknownPan()}) at an allowed merchant (STAN 000001). */
    public byte[] unknownCardPurchase(long amount) {
        return purchase(unknownPan(), name(0), amount, ALLOWED_MCC, "000001");
    }

    public byte[] purchase(String pan, String name, long amount, String mcc, String stan) {
        writer.begin(scratch, 0, 100);
        writer.ascii(2, pan);
        writer.ascii(3, "000000");
        writer.ascii(4, String.format("%012d", amount));
        writer.ascii(7, DATE_TIME);
        writer.ascii(11, stan);
        writer.ascii(12, "120000");
        writer.ascii(13, "1123");
        writer.ascii(14, EXPIRY);
        writer.ascii(18, mcc);
        writer.ascii(19, "392");
        writer.ascii(22, "810");
        writer.ascii(25, "59");
        writer.ascii(32, ACQUIRER);
        writer.ascii(37, "5327" + stan + "01");
        writer.ascii(41, "TERM0001");
        writer.ascii(42, "MERCHANT0000001");
        writer.ascii(43, "TATEKAE DENKI ONLINE     TOKYO        JP");
        writer.ascii(48, tlv("01", name, "42", "05", "43", "AAABAWFlmQAAAABjRWWZEEFgFz0=", "92", cav2(pan)));
        writer.ascii(49, "392");
        writer.ascii(61, "0005000000000392");
        return Arrays.copyOf(scratch, writer.finish());
    }

    /** The full 0400 of card i's 0100 (STAN 000001, DE 7 {@link #DATE_TIME}); benchmarks overwrite DE 7, 11 and 90. */
    public byte[] reversal(int i, long amount) {
        writer.begin(scratch, 0, 400);
        writer.ascii(2, pan(i));
        writer.ascii(3, "000000");
        writer.ascii(4, String.format("%012d", amount));
        writer.ascii(7, DATE_TIME);
        writer.ascii(11, "000001");
        writer.ascii(32, ACQUIRER);
        writer.ascii(37, "5327" + "000001" + "01");
        writer.ascii(42, "MERCHANT0000001");
        writer.ascii(49, "392");
        writer.ascii(90, "0100" + "000001" + DATE_TIME + String.format("%011d", Long.parseLong(ACQUIRER)) + "00000000000");
        return Arrays.copyOf(scratch, writer.finish());
    }

    /** Card i's PAN digits, for {@link DecodedRequest#retarget}. */
    public static byte[] panBytes(int i) {
        return pan(i).getBytes(StandardCharsets.US_ASCII);
    }

    /** Card i's CAV2 digits, for {@link DecodedRequest#retarget}. */
    public byte[] cav2Bytes(int i) {
        return cav2(pan(i)).getBytes(StandardCharsets.US_ASCII);
    }

    private String cav2(String pan) {
        byte[] p = pan.getBytes(StandardCharsets.US_ASCII);
        return String.format("%03d", cav2.compute(p, 0, p.length, Integer.parseInt(EXPIRY), Cav2Calculator.CAV2_SERVICE_CODE));
    }

    private static String tlv(String... tagValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tagValues.length; i += 2) {
            b.append(tagValues[i]).append(String.format("%02d", tagValues[i + 1].length())).append(tagValues[i + 1]);
        }
        return b.toString();
    }
}
