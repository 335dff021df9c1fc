package io.tatekae.engine.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NameMatcherTest {
    private final NameMatcher matcher = new NameMatcher();
    private final CardholderName taroYamada = CardholderName.canonicalize("TARO YAMADA");

    private NameResult match(String typed, CardholderName card) {
        final byte[] bytes = typed.getBytes(StandardCharsets.UTF_8);
        return matcher.match(bytes, 0, bytes.length, card);
    }

    @Test
    void resultCodesAreTheTag88Letters() {
        assertEquals('M', NameResult.MATCH.code());
        assertEquals('P', NameResult.PARTIAL.code());
        assertEquals('N', NameResult.NO_MATCH.code());
        assertEquals('U', NameResult.NOT_SUPPLIED.code());
    }

    @Test
    void nothingTypedIsNotSupplied() {
        assertEquals(NameResult.NOT_SUPPLIED, match("", taroYamada));
        assertEquals(NameResult.NOT_SUPPLIED, match("   ", taroYamada));
        assertEquals(NameResult.NOT_SUPPLIED, match(" - . ", taroYamada));
    }

    @Test
    void controlCharactersAndOverlongNamesDoNotMatch() {
        assertEquals(NameResult.NO_MATCH, match("TARO\tYAMADA", taroYamada));
        assertEquals(NameResult.NO_MATCH, match("TARO YAMADA\n", taroYamada));
        assertEquals(NameResult.MATCH, match("TARO" + " ".repeat(35) + "YAMADA", taroYamada)); // 45 bytes
        assertEquals(NameResult.NO_MATCH, match("TARO" + " ".repeat(36) + "YAMADA", taroYamada)); // 46 bytes
    }

    @Test
    void readsOnlyTheGivenSliceOfTheBuffer() {
        final byte[] frame = "XXTARO YAMADAYY".getBytes(StandardCharsets.US_ASCII);
        assertEquals(NameResult.MATCH, matcher.match(frame, 2, 11, taroYamada));
        assertEquals(NameResult.PARTIAL, matcher.match(frame, 7, 6, taroYamada));
    }

    @Test
    void canonicalFormUnifiesRomanizations() {
        assertEquals("SINZI TUTIYA", CardholderName.canonicalize("Shinji Tsuchiya").canonicalText());
        assertEquals("SINZI TUTIYA", CardholderName.canonicalize("SINZI TUTIYA").canonicalText());
        assertEquals("SYOTA SATO", CardholderName.canonicalize("SHOUTA SATOH").canonicalText());
        assertEquals("JUNKO ONO", CardholderName.canonicalize("ZYUNKO OHNO").canonicalText());
        assertEquals("AKI OHARA", CardholderName.canonicalize("AKI OHARA").canonicalText());
        assertEquals("MATTYA HONMA", CardholderName.canonicalize("MACCHA HOMMA").canonicalText());
        assertEquals("IIDA", CardholderName.canonicalize("IIDA").canonicalText());
    }

    @Test
    void provisionedNameIsValidatedWithoutEchoingIt() {
        assertMessage("provisioned cardholder name is missing", null);
        assertMessage("provisioned cardholder name has no letters", " - ");
        assertMessage("provisioned cardholder name has a character at position 5 that is not a letter A-Z, "
            + "space, hyphen, apostrophe or period", "TARO1YAMADA");
        assertMessage("provisioned cardholder name has a character at position 1 that is not a letter A-Z, "
            + "space, hyphen, apostrophe or period", "山田 TARO");
        assertMessage("provisioned cardholder name has 46 characters, more than the 45 allowed", "A".repeat(46));
        assertMessage("provisioned cardholder name has 9 names, more than the 8 allowed", "A B C D E F G H I");
    }

    private static void assertMessage(String expected, String provisioned) {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> CardholderName.canonicalize(provisioned));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void serializedFormRoundTripsAndFitsIn64Bytes() {
        final CardholderName longest = CardholderName.canonicalize("A BCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKL O P Q");
        assertTrue(longest.serializedLength() <= CardholderName.MAX_SERIALIZED_BYTES);
        for (CardholderName name : new CardholderName[] {taroYamada, longest}) {
            final byte[] store = new byte[80];
            final int written = name.writeTo(store, 7);
            assertEquals(name, CardholderName.fromBytes(store, 7, written));
            assertEquals(name, CardholderName.fromBytes(name.toBytes()));
        }
        assertEquals(CardholderName.canonicalize("SATOU TAROU"), CardholderName.canonicalize("sato taroh"));
        assertFalse(taroYamada.toString().contains("YAMADA"));
    }

    @Test
    void matchesTheSerializedFormInPlace() {
        final byte[] offHeapCopy = new byte[70];
        taroYamada.writeTo(offHeapCopy, 5);
        final byte[] typed = "yamada taro".getBytes(StandardCharsets.US_ASCII);
        assertEquals(NameResult.MATCH, matcher.match(typed, 0, typed.length, offHeapCopy, 5));
    }

    @Test
    void corruptSerializedFormsAreRejected() {
        final byte[] good = taroYamada.toBytes();
        assertThrows(IllegalArgumentException.class, () -> CardholderName.fromBytes(new byte[3]));
        final byte[] badVersion = good.clone();
        badVersion[0] = 9;
        assertEquals("serialized cardholder name has format version 9, expected 1",
            assertThrows(IllegalArgumentException.class, () -> CardholderName.fromBytes(badVersion)).getMessage());
        final byte[] lowerCase = good.clone();
        lowerCase[3] = 'a';
        assertThrows(IllegalArgumentException.class, () -> CardholderName.fromBytes(lowerCase));
        final byte[] tooLongToken = good.clone();
        tooLongToken[2] = 40;
        assertThrows(IllegalArgumentException.class, () -> CardholderName.fromBytes(tooLongToken));
        final byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> CardholderName.fromBytes(trailing));
    }

    @Test
    void matchAllocatesNothing() {
        final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        final CardholderName card = CardholderName.canonicalize("SHOTA JOHN OHASHI");
        final byte[][] typed = {
            "shouta oohashi".getBytes(StandardCharsets.US_ASCII),
            "OHASHI SHOTA JOHN".getBytes(StandardCharsets.US_ASCII),
            "KENTA OHASHI".getBytes(StandardCharsets.US_ASCII),
            "SHOTA SUZUKI".getBytes(StandardCharsets.US_ASCII),
            "山田".getBytes(StandardCharsets.UTF_8),
            new byte[0],
        };
        int sink = 0;
        for (int i = 0; i < 20_000; i++) {
            final byte[] name = typed[i % typed.length];
            sink += matcher.match(name, 0, name.length, card).ordinal();
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 60_000; i++) {
            final byte[] name = typed[i % typed.length];
            sink += matcher.match(name, 0, name.length, card).ordinal();
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink > 0);
        assertTrue(allocated < 1_000, "match allocated " + allocated + " bytes over 60,000 calls");
    }
}
