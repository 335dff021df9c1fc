package io.tatekae.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSpecTest {
    private final ProfileSpec spec = ProfileSpec.load();

    @Test
    void definesExactlyTheFieldsOfTheProfile() {
        List<Integer> numbers = spec.dataElements().stream().map(FieldSpec::number).toList();
        assertEquals(List.of(2, 3, 4, 7, 11, 12, 13, 14, 18, 19, 22, 25, 32, 33, 37, 38, 39, 41, 42, 43, 48, 49,
                54, 61, 70, 90, 95), numbers);
    }

    @Test
    void mapsPackagerClassesToWireTypes() {
        assertEquals(new FieldSpec(0, FieldType.NUMERIC_FIXED, 4, "MESSAGE TYPE INDICATOR"), spec.field(0));
        assertEquals(FieldType.BITMAP, spec.type(1));
        assertEquals(16, spec.maxLength(1));
        assertEquals(FieldType.NUMERIC_LLVAR, spec.type(2));
        assertEquals(19, spec.maxLength(2));
        assertEquals(FieldType.NUMERIC_FIXED, spec.type(4));
        assertEquals(12, spec.maxLength(4));
        assertEquals(FieldType.TEXT_FIXED, spec.type(43));
        assertEquals(40, spec.maxLength(43));
        assertEquals(FieldType.TEXT_LLLVAR, spec.type(48));
        assertEquals(999, spec.maxLength(48));
        assertEquals(120, spec.maxLength(54));
        assertEquals(26, spec.maxLength(61));
        assertEquals(FieldType.NUMERIC_FIXED, spec.type(70));
        assertEquals(3, spec.maxLength(70));
        assertEquals(FieldType.NUMERIC_FIXED, spec.type(90));
        assertEquals(42, spec.maxLength(90));
        assertEquals(FieldType.TEXT_FIXED, spec.type(95));
        assertEquals(42, spec.maxLength(95));
    }

    @Test
    void undefinedFieldsHaveNoSpec() {
        assertNull(spec.field(5));
        assertNull(spec.type(64));
        assertEquals(0, spec.maxLength(128));
        assertNull(spec.field(129));
        assertNull(spec.field(-1));
    }

    @Test
    void unknownFieldPackagerClassFailsNamingFieldAndClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProfileSpec.fromClasspath("/bad/unknown-class.xml"));
        assertTrue(e.getMessage().contains("isofield id=\"55\""), e.getMessage());
        assertTrue(e.getMessage().contains("org.jpos.iso.IFA_LLLBINARY"), e.getMessage());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void aForeignDtdIsNeverFetchedAndIsRefused() {
        // the system id points at a closed local port: had the parser tried to load it, the error
        // would be a connection failure, not our check after a complete parse
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProfileSpec.fromClasspath("/bad/foreign-dtd.xml"));
        assertTrue(e.getMessage().contains("only " + ProfileSpec.JPOS_DTD_SYSTEM_ID), e.getMessage());
    }

    @Test
    void externalEntitiesAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProfileSpec.fromClasspath("/bad/external-entity.xml"));
        assertTrue(e.getMessage().contains("not valid"), e.getMessage());
    }

    @Test
    void duplicateAndOversizedFieldsAreRefused() {
        assertTrue(assertThrows(IllegalStateException.class, () -> ProfileSpec.fromClasspath("/bad/duplicate-field.xml"))
                .getMessage().contains("defined twice"));
        assertTrue(assertThrows(IllegalStateException.class, () -> ProfileSpec.fromClasspath("/bad/llvar-too-long.xml"))
                .getMessage().contains("length 100 is outside 1..99"));
        assertTrue(assertThrows(IllegalStateException.class, () -> ProfileSpec.fromClasspath("/bad/absent.xml"))
                .getMessage().contains("not on the classpath"));
    }
}
