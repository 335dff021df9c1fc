package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden vector, both ways, against j8583 configured by hand from the profile text (not from
 * our packager XML): byte for byte and field by field.
 */
class J8583ConformanceTest {
    private final J8583Profile j8583 = new J8583Profile();
    private final OurCodec ours = new OurCodec();

    static List<GoldenVector> vectors() {
        return GoldenVector.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void j8583EncodesTheGoldenBytesAndOurDecoderReadsTheFields(GoldenVector v) {
        byte[] frame = j8583.encode(v.mti(), v.fields());
        assertEquals(v.hex(), HexFormat.of().formatHex(frame), "j8583 bytes");
        assertEquals(expected(v), ours.decode(frame), "fields decoded by the tatekae codec");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourWriterEncodesTheGoldenBytesAndJ8583ReadsTheFields(GoldenVector v) throws Exception {
        byte[] frame = ours.encode(v.mti(), v.fields());
        assertEquals(v.hex(), HexFormat.of().formatHex(frame), "IsoWriter bytes");
        SortedMap<Integer, String> decoded = j8583.decode(frame);
        SortedMap<Integer, String> want = new TreeMap<>(v.fields());
        want.put(0, Integer.toString(v.mti()));
        assertEquals(want, decoded, "fields decoded by j8583");
    }

    /** What our decoder reports: MTI, the fields, and DE 1 (secondary bitmap) never as a field. */
    static SortedMap<Integer, String> expected(GoldenVector v) {
        SortedMap<Integer, String> want = new TreeMap<>(v.fields());
        want.put(0, Integer.toString(v.mti()));
        return want;
    }
}
