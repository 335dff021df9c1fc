package io.tatekae.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Check 11's name patterns (DE 43): the screen finds a pattern wherever a plain case-folded search does. */
class MerchantScreenPropertyTest {
    /** Few letters, so that names often hold patterns, their beginnings and their overlaps. */
    private static final String CHARS = "GIPgip FTtf-9";

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars(CHARS).ofMaxLength(25);
    }

    @Provide
    Arbitrary<List<String>> patterns() {
        return Arbitraries.strings().withChars(CHARS).ofMinLength(1).ofMaxLength(4)
                .filter(p -> !p.isBlank()).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 3_000)
    void findsAPatternExactlyWhereACaseFoldedSearchDoes(@ForAll("names") String name, @ForAll("patterns") List<String> patterns) {
        MerchantScreen screen = new MerchantScreen(PolicySettings.builder().blockedNamePatterns(patterns).build());
        String folded = name.toUpperCase(Locale.ROOT);
        boolean expected = patterns.stream().anyMatch(p -> folded.contains(p.trim().toUpperCase(Locale.ROOT)));
        // Inside a larger buffer, as DE 43 sits in a frame: bytes around the field must not count.
        byte[] frame = ("GIFT" + name + "GIFT").getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, screen.nameContainsPattern(frame, 4, name.length()), () -> name + " against " + patterns);
    }

    @Example
    void theDefaultPatternsIgnoreCaseAndStopAtTheFieldsEnd() {
        MerchantScreen screen = new MerchantScreen(PolicySettings.builder().build());
        assertTrue(contains(screen, "ACME Google Play STORE"));
        assertTrue(contains(screen, "xxprepaid"));
        assertTrue(contains(screen, "itunes"));
        assertFalse(contains(screen, "GOOGLE PLA"));
        assertFalse(contains(screen, "GIF T SHOP PRE PAID"));
        byte[] frame = "SHOP GIF".concat("T").getBytes(StandardCharsets.US_ASCII);
        assertFalse(screen.nameContainsPattern(frame, 0, frame.length - 1), "the T after the field is not the name's");
    }

    @Example
    void anEmptyPatternIsRefusedRatherThanBlockingEveryMerchant() {
        assertThrows(IllegalArgumentException.class, () -> PolicySettings.builder().blockedNamePatterns(List.of("GIFT", "  ")).build());
    }

    private static boolean contains(MerchantScreen screen, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return screen.nameContainsPattern(bytes, 0, bytes.length);
    }
}
