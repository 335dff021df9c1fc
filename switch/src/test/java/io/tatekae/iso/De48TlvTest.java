package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class De48TlvTest {
    private final IsoDecoder decoder = new IsoDecoder(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();
    private final De48Tlv tlv = new De48Tlv();

    private void decode(String name) {
        byte[] frame = GoldenVector.all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().bytes();
        assertEquals(FormatError.NONE, decoder.decode(frame, 0, frame.length, fields));
    }

    private String value(int at) {
        return new String(fields.buffer(), at, tlv.valueLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void findsEachTagOfTheSamplePurchase() {
        decode("0100-ecommerce-purchase");
        assertEquals("TARO YAMADA", value(tlv.find(fields, De48Tlv.TAG_CARDHOLDER_NAME)));
        assertEquals("05", value(tlv.find(fields, De48Tlv.TAG_ECI)));
        assertEquals("AAABAWFlmQAAAABjRWWZEEFgFz0=", value(tlv.find(fields, De48Tlv.TAG_CAVV)));
        assertEquals("394", value(tlv.find(fields, De48Tlv.TAG_CAV2)));
        assertTrue(tlv.valueEquals(fields, De48Tlv.TAG_CAV2, "394"));
        assertFalse(tlv.valueEquals(fields, De48Tlv.TAG_CAV2, "395"));
        assertEquals(-1, tlv.find(fields, De48Tlv.TAG_REASON_CODE));
        assertEquals(0, tlv.valueLength());
    }

    @Test
    void iteratesInWireOrder() {
        decode("0100-ecommerce-purchase");
        List<Integer> tags = new ArrayList<>();
        assertTrue(tlv.start(fields));
        while (tlv.next()) {
            tags.add(tlv.tag());
        }
        assertEquals(List.of(1, 42, 43, 92), tags);
    }

    @Test
    void messageWithoutDe48HasNoTags() {
        decode("0100-card-present");
        assertFalse(tlv.start(fields));
        assertFalse(tlv.next());
        assertEquals(-1, tlv.find(fields, 92));
    }

    @Test
    void writerBuildsTheResponseTagsAndTheDecoderReadsThemBack() {
        De48Writer de48 = new De48Writer();
        IsoWriter writer = new IsoWriter(OurCodec.SPEC);
        byte[] out = new byte[512];
        writer.begin(out, 0, 110);
        writer.ascii(39, "N7");
        de48.reset().character(De48Tlv.TAG_CAV2_RESULT, 'N').character(De48Tlv.TAG_NAME_RESULT, 'M')
                .numeric(De48Tlv.TAG_REASON_CODE, 1045, 4).writeTo(writer);
        int length = writer.finish();
        assertEquals(FormatError.NONE, decoder.decode(out, 0, length, fields));
        assertEquals("8701N8801M90041045", fields.valueString(48));
        assertEquals("1045", value(tlv.find(fields, De48Tlv.TAG_REASON_CODE)));
    }

    @Test
    void writerRefusesWhatTheProfileCannotCarry() {
        De48Writer de48 = new De48Writer();
        assertThrows(IllegalArgumentException.class, () -> de48.reset().numeric(90, 10000, 4));
        assertThrows(IllegalArgumentException.class, () -> de48.reset().text(1, "X".repeat(100)));
        assertThrows(IllegalArgumentException.class, () -> de48.reset().text(1, "TAR\u00d4"));
        assertThrows(IllegalArgumentException.class, () -> de48.reset().character(100, 'M'));
    }
}
