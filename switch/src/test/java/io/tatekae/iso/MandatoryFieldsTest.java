package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MandatoryFieldsTest {
    private final IsoDecoder decoder = new IsoDecoder(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();
    private final OurCodec ours = new OurCodec();

    static List<GoldenVector> vectors() {
        return GoldenVector.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyGoldenVectorIsComplete(GoldenVector v) {
        byte[] frame = v.bytes();
        decoder.decode(frame, 0, frame.length, fields);
        assertEquals(0, MandatoryFields.check(fields));
        assertEquals(FormatError.NONE, MandatoryFields.apply(fields));
    }

    @ParameterizedTest(name = "{0} without DE {1}")
    @CsvSource({"0100-ecommerce-purchase, 14", "0100-ecommerce-purchase, 2", "0100-ecommerce-purchase, 43",
            "0120-stand-in-advice, 38", "0120-stand-in-advice, 39", "0400-partial-reversal, 90",
            "0420-reversal-advice, 90", "0420-reversal-advice, 37", "0800-sign-on, 70", "0810-sign-on-response, 39",
            "0110-approval, 39"})
    void aMissingMandatoryFieldIsReportedWithItsNumber(String name, int de) {
        GoldenVector v = GoldenVector.all().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
        SortedMap<Integer, String> lacking = new TreeMap<>(v.fields());
        lacking.remove(de);
        byte[] frame = ours.encode(v.mti(), lacking);
        assertEquals(FormatError.NONE, decoder.decode(frame, 0, frame.length, fields), "the decoder does not check");
        assertEquals(de, MandatoryFields.check(fields));
        assertEquals(FormatError.MISSING_FIELD, MandatoryFields.apply(fields));
        assertEquals(de, fields.errorField());
    }

    @Test
    void theLowestMissingFieldComesFirst() {
        byte[] frame = ours.encode(100, new TreeMap<>(Map.of(11, "000001", 70, "001")));
        decoder.decode(frame, 0, frame.length, fields);
        assertEquals(2, MandatoryFields.check(fields));
    }

    @Test
    void applyKeepsAnEarlierDecodeError() {
        byte[] frame = ours.encode(800, new TreeMap<>(Map.of(7, "1123115959")));
        decoder.decode(frame, 0, frame.length - 1, fields);
        assertEquals(FormatError.TRUNCATED, MandatoryFields.apply(fields));
        assertEquals(7, fields.errorField());
    }
}
