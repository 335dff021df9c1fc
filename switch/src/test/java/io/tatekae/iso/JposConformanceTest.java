package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tatekae.spec.Packagers;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.spec.FieldType;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden vector, both ways, against jPOS GenericPackager built from our packager XML. */
class JposConformanceTest {
    private static final GenericPackager PACKAGER = Packagers.genericPackager();
    private static final ProfileSpec SPEC = ProfileSpec.load();
    private final OurCodec ours = new OurCodec();

    static List<GoldenVector> vectors() {
        return GoldenVector.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void jposPacksTheGoldenBytesAndOurDecoderReadsTheFields(GoldenVector v) throws ISOException {
        ISOMsg message = new ISOMsg(String.format("%04d", v.mti()));
        message.setPackager(PACKAGER);
        for (Map.Entry<Integer, String> f : v.fields().entrySet()) {
            message.set(f.getKey(), f.getValue());
        }
        byte[] frame = message.pack();
        assertEquals(v.hex(), HexFormat.of().formatHex(frame), "jPOS bytes");
        assertEquals(J8583ConformanceTest.expected(v), ours.decode(frame), "fields decoded by the tatekae codec");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourWriterEncodesTheGoldenBytesAndJposReadsTheFields(GoldenVector v) throws ISOException {
        byte[] frame = ours.encode(v.mti(), v.fields());
        assertEquals(v.hex(), HexFormat.of().formatHex(frame), "IsoWriter bytes");
        ISOMsg message = new ISOMsg();
        message.setPackager(PACKAGER);
        int consumed = message.unpack(frame);
        assertEquals(frame.length, consumed, "jPOS consumed every byte");
        SortedMap<Integer, String> decoded = new TreeMap<>();
        decoded.put(0, Integer.toString(Integer.parseInt(message.getMTI())));
        for (int de = 2; de <= 128; de++) {
            if (message.hasField(de)) {
                decoded.put(de, wireForm(de, message.getString(de)));
            }
        }
        assertEquals(J8583ConformanceTest.expected(v), decoded, "fields decoded by jPOS");
    }

    /** jPOS IF_CHAR trims trailing spaces on unpack: pad back to the fixed width to compare. */
    private static String wireForm(int de, String value) {
        if (SPEC.type(de) == FieldType.TEXT_FIXED) {
            return value + " ".repeat(SPEC.maxLength(de) - value.length());
        }
        return value;
    }
}
