package io.tatekae.bench.codec;

import io.tatekae.iso.De48Tlv;
import io.tatekae.iso.De48Writer;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.IsoDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.iso.IsoWriter;
import io.tatekae.spec.Packagers;
import io.tatekae.spec.ProfileSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode of a typical 0100 (the e-commerce purchase sample frame) and 0110 (its approval
 * golden vector) with the tatekae flyweight codec and, for comparison, jPOS ISOMsg + GenericPackager
 * built from the same packager XML. Run with -prof gc to see the allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    /** iso8583-spec golden/0100-ecommerce-purchase.json (shared/specs/sample-frames.md). */
    static final String PURCHASE_0100 = "30313030723c648108e180083136333534303939303030303030313030373030"
            + "3030303030303030303030303439383031313233313230303030303030313031"
            + "3132303030303131323333303132353733323339323831303539303631323334"
            + "35363533323731323030303130315445524d303030314d45524348414e543030"
            + "3030303031544154454b41452044454e4b49204f4e4c494e452020202020544f"
            + "4b594f20202020202020204a50303630303131315441524f2059414d41444134"
            + "323032303534333238414141424157466c6d5141414141426a5257575a454546"
            + "67467a303d393230333339343339323031363030303530303030303030303033"
            + "3932";
    /** iso8583-spec golden/0110-approval.json. */
    static final String APPROVAL_0110 = "30313130722000010ec184003136333534303939303030303030313030373030"
            + "3030303030303030303030303439383031313233313230303030303030313031"
            + "303631323334353635333237313230303031303141314232433330305445524d"
            + "303030314d45524348414e5430303030303031303130383730314d383830314d"
            + "3339323032303030303233393243303030303030303435303230";
    private static final int[] ECHOED = {2, 3, 4, 7, 11, 32, 33, 37};
    private static final int[] ECHOED_AFTER_39 = {41, 42};

    private final ProfileSpec spec = ProfileSpec.load();
    private final IsoDecoder decoder = new IsoDecoder(spec);
    private final IsoWriter writer = new IsoWriter(spec);
    private final IsoFields fields = new IsoFields();
    private final IsoFields request = new IsoFields();
    private final De48Tlv tlv = new De48Tlv();
    private final De48Writer de48 = new De48Writer();
    private final byte[] out = new byte[4096];
    private final byte[] availableCredit = "0002392C000000045020".getBytes(StandardCharsets.US_ASCII);
    private final GenericPackager packager = Packagers.genericPackager();

    private byte[] purchase;
    private byte[] approval;
    private byte[][] purchaseValues;
    private String[] purchaseStrings;
    private String[] approvalStrings;

    @Setup
    public void setUp() throws ISOException {
        purchase = HexFormat.of().parseHex(PURCHASE_0100);
        approval = HexFormat.of().parseHex(APPROVAL_0110);
        requireClean(decoder.decode(purchase, 0, purchase.length, request));
        purchaseValues = new byte[IsoFields.MAX_FIELD + 1][];
        purchaseStrings = valuesOf(request, purchaseValues);
        requireClean(decoder.decode(approval, 0, approval.length, fields));
        approvalStrings = valuesOf(fields, new byte[IsoFields.MAX_FIELD + 1][]);
        int length = ourEncode0110();
        if (!Arrays.equals(out, 0, length, approval, 0, approval.length)
                || !Arrays.equals(jposEncode0110(), approval)) {
            throw new IllegalStateException("the encoders do not reproduce the 0110 golden vector");
        }
    }

    private static void requireClean(FormatError error) {
        if (error != FormatError.NONE) {
            throw new IllegalStateException("benchmark frame does not decode: " + error);
        }
    }

    private static String[] valuesOf(IsoFields decoded, byte[][] bytes) {
        String[] strings = new String[IsoFields.MAX_FIELD + 1];
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            if (decoded.has(de)) {
                strings[de] = decoded.valueString(de);
                bytes[de] = Arrays.copyOfRange(decoded.buffer(), decoded.offset(de),
                        decoded.offset(de) + decoded.length(de));
            }
        }
        return strings;
    }

    @Benchmark
    public long ourDecode0100() {
        decoder.decode(purchase, 0, purchase.length, fields);
        return fields.numeric(4) + tlv.find(fields, De48Tlv.TAG_CAV2);
    }

    @Benchmark
    public long ourDecode0110() {
        decoder.decode(approval, 0, approval.length, fields);
        return fields.numeric(11) + fields.byteAt(39, 0);
    }

    @Benchmark
    public int ourEncode0100() {
        writer.begin(out, 0, 100);
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            byte[] value = purchaseValues[de];
            if (value != null) {
                writer.bytes(de, value, 0, value.length);
            }
        }
        return writer.finish();
    }

    /** The response the switch builds: echoes from the decoded request plus DE 38, 39, 48, 54. */
    @Benchmark
    public int ourEncode0110() {
        writer.begin(out, 0, 110);
        for (int de : ECHOED) {
            writer.echo(de, request);
        }
        writer.ascii(38, "A1B2C3");
        writer.ascii(39, "00");
        for (int de : ECHOED_AFTER_39) {
            writer.echo(de, request);
        }
        de48.reset().character(De48Tlv.TAG_CAV2_RESULT, 'M').character(De48Tlv.TAG_NAME_RESULT, 'M').writeTo(writer);
        writer.echo(49, request);
        writer.bytes(54, availableCredit, 0, availableCredit.length);
        return writer.finish();
    }

    @Benchmark
    public ISOMsg jposDecode0100() throws ISOException {
        ISOMsg message = new ISOMsg();
        message.setPackager(packager);
        message.unpack(purchase);
        return message;
    }

    @Benchmark
    public ISOMsg jposDecode0110() throws ISOException {
        ISOMsg message = new ISOMsg();
        message.setPackager(packager);
        message.unpack(approval);
        return message;
    }

    @Benchmark
    public byte[] jposEncode0100() throws ISOException {
        return jposPack("0100", purchaseStrings);
    }

    @Benchmark
    public byte[] jposEncode0110() throws ISOException {
        return jposPack("0110", approvalStrings);
    }

    private byte[] jposPack(String mti, String[] values) throws ISOException {
        ISOMsg message = new ISOMsg(mti);
        message.setPackager(packager);
        for (int de = 2; de < values.length; de++) {
            if (values[de] != null) {
                message.set(de, values[de]);
            }
        }
        return message.pack();
    }
}
