package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Padding, prefixes, bitmaps, ordering and the checks the writer makes, each read back strictly. */
class IsoWriterTest {
    private final IsoWriter writer = new IsoWriter(OurCodec.SPEC);
    private final IsoDecoder decoder = new IsoDecoder(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();
    private final byte[] out = new byte[4096];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void finishAndDecode(int off) {
        int length = writer.finish();
        assertEquals(FormatError.NONE, decoder.decode(out, off, length, fields));
    }

    @Test
    void fixedNumericIsZeroFilledAndFixedTextSpaceFilled() {
        writer.begin(out, 0, 110);
        writer.bytes(11, ascii("42"), 0, 2);
        writer.ascii(38, "AB1");
        writer.ascii(39, "00");
        writer.bytes(41, ascii("POS7"), 0, 4);
        finishAndDecode(0);
        assertEquals("000042", fields.valueString(11));
        assertEquals("AB1   ", fields.valueString(38));
        assertEquals("POS7    ", fields.valueString(41));
    }

    @Test
    void numericValuesAreZeroFilledToFixedWidthAndMinimalInVariableFields() {
        writer.begin(out, 0, 110);
        writer.numeric(2, 4123456789012345L);
        writer.numeric(4, 4980);
        writer.numeric(32, 123456);
        writer.numeric(39, 5); // an2 written from a number: zero-filled "05"
        finishAndDecode(0);
        assertEquals("4123456789012345", fields.valueString(2));
        assertEquals("000000004980", fields.valueString(4));
        assertEquals("123456", fields.valueString(32));
        assertEquals("05", fields.valueString(39));
        assertEquals("16", new String(out, 4 + 8, 2, StandardCharsets.US_ASCII), "LL prefix of DE 2");
    }

    @Test
    void lllPrefixIsThreeDigits() {
        writer.begin(out, 0, 110);
        writer.ascii(39, "00");
        writer.ascii(54, "0002392C000000045020");
        int length = writer.finish();
        assertEquals("0110", new String(out, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("020", new String(out, 12 + 2, 3, StandardCharsets.US_ASCII));
        assertEquals(12 + 2 + 3 + 20, length);
    }

    @Test
    void secondaryBitmapOnlyWhenAFieldAbove64IsPresent() {
        writer.begin(out, 0, 810);
        writer.numeric(7, 1123115959L);
        writer.numeric(11, 100);
        writer.ascii(39, "00");
        writer.numeric(70, 1);
        int withSecondary = writer.finish();
        assertTrue((out[4] & 0x80) != 0, "bit 1 set");
        assertEquals(4 + 16 + 10 + 6 + 2 + 3, withSecondary);
        assertEquals(FormatError.NONE, decoder.decode(out, 0, withSecondary, fields));
        assertEquals(1, fields.numeric(70));

        writer.begin(out, 0, 810);
        writer.numeric(7, 1123115959L);
        writer.numeric(11, 100);
        writer.ascii(39, "00");
        int primaryOnly = writer.finish();
        assertFalse((out[4] & 0x80) != 0, "bit 1 clear");
        assertEquals(4 + 8 + 10 + 6 + 2, primaryOnly);
        assertEquals(FormatError.NONE, decoder.decode(out, 0, primaryOnly, fields));
        assertEquals("00", fields.valueString(39));
    }

    @Test
    void writesAtAnOffsetLeavingRoomForTheFrameHeader() {
        Arrays.fill(out, (byte) 0x55);
        writer.begin(out, 4, 810);
        writer.numeric(7, 1123115959L);
        writer.numeric(11, 100);
        finishAndDecode(4);
        assertEquals(0x55, out[3]);
        assertEquals(100, fields.numeric(11));
    }

    @Test
    void echoCopiesPresentFieldsAndSkipsAbsentOnes() {
        GoldenVector request = GoldenVector.all().getFirst();
        IsoFields decoded = new IsoFields();
        byte[] frame = request.bytes();
        assertEquals(FormatError.NONE, decoder.decode(frame, 0, frame.length, decoded));
        writer.begin(out, 0, 810);
        writer.echo(2, decoded);
        writer.echo(7, decoded);
        writer.echo(11, decoded);
        writer.ascii(39, "00");
        writer.echo(70, decoded);
        finishAndDecode(0);
        assertFalse(fields.has(2));
        assertTrue(fields.sameValue(7, decoded));
        assertTrue(fields.sameValue(11, decoded));
        assertTrue(fields.sameValue(70, decoded));
    }

    @Test
    void fieldsOutOfOrderOrTwiceAreAProgrammingError() {
        writer.begin(out, 0, 110);
        writer.numeric(11, 1);
        assertThrows(IllegalStateException.class, () -> writer.numeric(7, 1));
        assertThrows(IllegalStateException.class, () -> writer.numeric(11, 1));
    }

    @Test
    void valuesThatBreakTheProfileAreRefused() {
        writer.begin(out, 0, 110);
        assertThrows(IllegalArgumentException.class, () -> writer.numeric(4, 1_000_000_000_000L), "13 digits in n12");
        assertThrows(IllegalArgumentException.class, () -> writer.ascii(11, "12A"), "letter in n6");
        assertThrows(IllegalArgumentException.class, () -> writer.ascii(5, "1"), "undefined DE");
        assertThrows(IllegalArgumentException.class, () -> writer.ascii(38, "1234567"), "7 bytes in an6");
        assertThrows(IllegalArgumentException.class, () -> writer.bytes(41, new byte[] {'A', 0x7F}, 0, 2), "DEL in ans");
        assertThrows(IllegalArgumentException.class, () -> writer.ascii(2, "12345678901234567890"), "20 digits in n..19");
        assertThrows(IllegalArgumentException.class, () -> writer.numeric(3, -1), "negative");
        assertThrows(IllegalArgumentException.class, () -> writer.ascii(95, "3000"), "DE 95 amount space-filled");
        assertThrows(IllegalArgumentException.class, () -> writer.begin(out, 0, 10_000), "MTI of five digits");
    }

    @Test
    void replacementAmountIsTwelveDigitsThenTheIgnoredRest() {
        writer.begin(out, 0, 400);
        writer.numeric(11, 103);
        writer.ascii(95, "000000003000" + "0".repeat(30));
        finishAndDecode(0);
        assertEquals(3000, fields.numeric(95, 0, 12));
    }

    @Test
    void aMessageLargerThanTheOutputBufferIsRefused() {
        byte[] small = new byte[40];
        writer.begin(small, 0, 110);
        writer.numeric(4, 1);
        assertThrows(IllegalStateException.class, () -> writer.ascii(43, "X".repeat(40)));
    }
}
