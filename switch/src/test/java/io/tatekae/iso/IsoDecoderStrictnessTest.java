package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each strictness rule: the right FormatError and errorField, and the fields before it readable. */
class IsoDecoderStrictnessTest {
    private final IsoDecoder decoder = new IsoDecoder(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();
    private final OurCodec ours = new OurCodec();

    private static GoldenVector vector(String name) {
        return GoldenVector.all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private final byte[] purchase = vector("0100-ecommerce-purchase").bytes();

    private FormatError decode(byte[] frame) {
        return decoder.decode(frame, 0, frame.length, fields);
    }

    /** Offset of a field's value in the purchase sample (from a clean decode). */
    private int offsetInPurchase(int de) {
        assertEquals(FormatError.NONE, decode(purchase));
        return fields.offset(de);
    }

    private void assertError(FormatError error, int errorField) {
        assertEquals(error, fields.error(), "error");
        assertEquals(errorField, fields.errorField(), "errorField");
    }

    /** The MTI and DE 11 stay readable so a 30 response can be built. */
    private void assertHeadReadable() {
        assertEquals(100, fields.mti());
        assertTrue(fields.has(11));
        assertEquals(101, fields.numeric(11));
    }

    @Test
    void cleanFrameDecodesWithNoError() {
        assertEquals(FormatError.NONE, decode(purchase));
        assertEquals(-1, fields.errorField());
        assertEquals(4980, fields.numeric(4));
    }

    @Test
    void trailingBytesAreRefusedWithEveryFieldReadable() {
        byte[] frame = Arrays.copyOf(purchase, purchase.length + 1);
        frame[purchase.length] = '0';
        assertEquals(FormatError.TRAILING_BYTES, decode(frame));
        assertError(FormatError.TRAILING_BYTES, -1);
        assertTrue(fields.has(61));
        assertHeadReadable();
    }

    @Test
    void nonDigitInFixedNumericField() {
        byte[] frame = purchase.clone();
        frame[offsetInPurchase(12) + 2] = 'A';
        assertEquals(FormatError.NON_DIGIT, decode(frame));
        assertError(FormatError.NON_DIGIT, 12);
        assertHeadReadable();
        assertFalse(fields.has(12), "the bad field itself is not present");
        assertTrue(fields.has(13), "a fixed field's extent is known: decoding goes on after a content error");
        assertTrue(fields.has(11));
    }

    @Test
    void nonDigitInLlvarNumericField() {
        byte[] frame = purchase.clone();
        frame[offsetInPurchase(32)] = 'X';
        decode(frame);
        assertError(FormatError.NON_DIGIT, 32);
        assertTrue(fields.has(25));
    }

    @Test
    void llLengthOverTheMaximum() {
        byte[] frame = purchase.clone();
        int prefix = offsetInPurchase(2) - 2; // "16"
        frame[prefix] = '2';
        frame[prefix + 1] = '0';
        decode(frame);
        assertError(FormatError.BAD_LENGTH, 2);
        assertEquals(100, fields.mti());
    }

    @Test
    void lllLengthOverTheMaximum() {
        byte[] frame = purchase.clone();
        int prefix = offsetInPurchase(61) - 3; // "016"; DE 61 is ans..26
        frame[prefix + 1] = '2';
        frame[prefix + 2] = '7';
        decode(frame);
        assertError(FormatError.BAD_LENGTH, 61);
        assertTrue(fields.has(49));
        assertHeadReadable();
    }

    @Test
    void nonDigitLengthPrefix() {
        byte[] frame = purchase.clone();
        frame[offsetInPurchase(48) - 3] = ' ';
        decode(frame);
        assertError(FormatError.BAD_LENGTH, 48);
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(ints = {0x7F, 0x19, 0x00, 0x80, 0xE3})
    void byteOutsidePrintableAsciiInFixedTextField(int bad) {
        byte[] frame = purchase.clone();
        frame[offsetInPurchase(43) + 5] = (byte) bad;
        decode(frame);
        assertError(FormatError.BAD_CHARACTER, 43);
        assertTrue(fields.has(42));
        assertHeadReadable();
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(ints = {0x7F, 0x19, 0xC3})
    void byteOutsidePrintableAsciiInCardholderName(int bad) {
        byte[] frame = purchase.clone();
        frame[offsetInPurchase(48) + 6] = (byte) bad; // inside tag 01's value "TARO YAMADA"
        decode(frame);
        assertError(FormatError.BAD_CHARACTER, 48);
    }

    @ParameterizedTest(name = "DE 48 \"{0}\"")
    @ValueSource(strings = {"011", "0111TARO YAMADA42", "0112TARO YAMADA", "0110TARO YAMADA", "0A05HELLO",
            "01AATARO", "0111TARO YAMADA0111TARO YAMADA", "9203394920339"})
    void tlvThatDoesNotAddUp(String de48) {
        decode(withDe48(de48));
        assertError(FormatError.BAD_TLV, 48);
        assertTrue(fields.has(43));
        assertFalse(fields.has(48));
    }

    @ParameterizedTest(name = "DE 48 \"{0}\"")
    @ValueSource(strings = {"", "0100", "9203394", "0111TARO YAMADA9900", "0111TARO YAMADA4202059203394"})
    void tlvThatAddsUpIsAccepted(String de48) {
        assertEquals(FormatError.NONE, decode(withDe48(de48)));
        assertEquals(de48, fields.valueString(48));
    }

    private byte[] withDe48(String de48) {
        SortedMap<Integer, String> f = new TreeMap<>(vector("0100-ecommerce-purchase").fields());
        f.put(48, de48);
        return ours.encode(100, f);
    }

    @Test
    void replacementAmountMustBeDigitsButTheIgnoredRestMayBeText() {
        byte[] frame = vector("0400-partial-reversal").bytes();
        assertEquals(FormatError.NONE, decode(frame));
        int de95 = fields.offset(95);
        assertEquals(3000, fields.numeric(95, 0, 12));
        frame[de95 + 20] = 'X';
        assertEquals(FormatError.NONE, decode(frame), "positions 13-42 are ignored");
        assertTrue(fields.isDigits(95, 0, 12));
        assertFalse(fields.isDigits(95, 0, 42));
        frame[de95 + 11] = ' ';
        decode(frame);
        assertError(FormatError.NON_DIGIT, 95);
        assertTrue(fields.has(90));
    }

    @Test
    void undefinedFieldInPrimaryBitmap() {
        byte[] frame = purchase.clone();
        frame[4 + 7] |= 0x01; // DE 64
        decode(frame);
        assertError(FormatError.UNDEFINED_FIELD, 64);
        assertTrue(fields.has(61), "fields before DE 64 are readable");
        assertHeadReadable();
    }

    @Test
    void undefinedFieldInSecondaryBitmap() {
        byte[] frame = vector("0800-sign-on").bytes();
        frame[4 + 8] |= (byte) 0x80; // DE 65
        decode(frame);
        assertError(FormatError.UNDEFINED_FIELD, 65);
        assertTrue(fields.has(11));
        assertEquals(800, fields.mti());
    }

    @Test
    void undefinedFieldBeforeAnyOther() {
        byte[] frame = vector("0800-sign-on").bytes();
        frame[4] |= 0x08; // DE 5
        decode(frame);
        assertError(FormatError.UNDEFINED_FIELD, 5);
        assertFalse(fields.has(7));
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() {
        for (int cut = 0; cut < purchase.length; cut++) {
            assertEquals(FormatError.TRUNCATED, decoder.decode(purchase, 0, cut, fields), "cut at " + cut);
        }
    }

    @Test
    void truncationNamesTheFieldItCuts() {
        int cut = offsetInPurchase(43) + 10;
        decoder.decode(purchase, 0, cut, fields);
        assertError(FormatError.TRUNCATED, 43);
        assertTrue(fields.has(42));
        assertHeadReadable();
        decoder.decode(purchase, 0, 9, fields);
        assertError(FormatError.TRUNCATED, 0);
        assertEquals(100, fields.mti());
    }

    @Test
    void truncatedSecondaryBitmap() {
        byte[] frame = vector("0800-sign-on").bytes();
        decoder.decode(frame, 0, 4 + 8 + 5, fields);
        assertError(FormatError.TRUNCATED, 0);
    }

    @ParameterizedTest(name = "MTI {0}")
    @ValueSource(strings = {"0200", "0111", "1100", "0820", "9999", "0000"})
    void mtiOutsideTheProfile(String mti) {
        byte[] frame = purchase.clone();
        byte[] text = mti.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, frame, 0, 4);
        decode(frame);
        assertError(FormatError.BAD_MTI, 0);
        assertEquals(Integer.parseInt(mti), fields.mti(),
                "a 4-digit MTI stays readable");
        assertTrue(fields.has(11), "the fields are still decoded, so the request can be answered 12");
    }

    @Test
    void mtiThatIsNotDigits() {
        byte[] frame = purchase.clone();
        frame[2] = 'A';
        decode(frame);
        assertError(FormatError.BAD_MTI, 0);
        assertEquals(-1, fields.mti());
    }

    @Test
    void frameInsideALargerBufferDecodesOnlyItsOwnBytes() {
        byte[] buffer = new byte[purchase.length + 20];
        Arrays.fill(buffer, (byte) 0x7F);
        System.arraycopy(purchase, 0, buffer, 4, purchase.length);
        assertEquals(FormatError.NONE, decoder.decode(buffer, 4, purchase.length, fields));
        assertEquals(4, fields.frameOffset());
        assertEquals("TERM0001", fields.valueString(41));
    }

    @Test
    void reusedFieldsForgetThePreviousMessage() {
        assertEquals(FormatError.NONE, decode(purchase));
        decode(vector("0800-sign-on").bytes());
        assertEquals(FormatError.NONE, fields.error());
        assertFalse(fields.has(2));
        assertFalse(fields.has(61));
        assertEquals(1, fields.numeric(70));
        byte[] bad = purchase.clone();
        bad[0] = 'X';
        decode(bad);
        assertFalse(fields.has(7));
        assertFalse(fields.has(70));
    }
}
