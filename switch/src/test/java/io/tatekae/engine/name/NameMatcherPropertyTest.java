package io.tatekae.engine.name;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class NameMatcherPropertyTest {
    private final NameMatcher matcher = new NameMatcher();
    private final CardholderName card = CardholderName.canonicalize("TARO YAMADA");

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-'.")
            .ofMinLength(1).ofMaxLength(9)
            .filter(name -> name.chars().anyMatch(Character::isLetter))
            .list().ofMinSize(2).ofMaxSize(4);
    }

    private NameResult match(String typed, CardholderName against) {
        final byte[] bytes = typed.getBytes(StandardCharsets.US_ASCII);
        return matcher.match(bytes, 0, bytes.length, against);
    }

    @Property
    void aCardMatchesItsOwnNameInBothOrdersAndItsFamilyNameAlone(@ForAll("names") List<String> names) {
        final CardholderName own = CardholderName.canonicalize(String.join(" ", names));
        final List<String> familyFirst = new ArrayList<>();
        familyFirst.add(names.getLast());
        familyFirst.addAll(names.subList(0, names.size() - 1));

        assertEquals(NameResult.MATCH, match(String.join(" ", names).toLowerCase(), own));
        assertEquals(NameResult.MATCH, match(String.join("  ", familyFirst), own));
        assertEquals(NameResult.PARTIAL, match(names.getLast(), own));
    }

    @Property
    void anyBytesGiveAResultAndNeverAnException(@ForAll @Size(max = 60) byte[] typed) {
        final NameResult result = matcher.match(typed, 0, typed.length, card);
        boolean allowedOnly = typed.length <= 45;
        for (byte b : typed) {
            allowedOnly &= NameNormalizer.isAllowed(b);
        }
        if (!allowedOnly) {
            assertEquals(NameResult.NO_MATCH, result);
        }
    }
}
