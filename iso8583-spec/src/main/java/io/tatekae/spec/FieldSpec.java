package io.tatekae.spec;

/** One data element of the profile, as read from the packager XML. */
public record FieldSpec(int number, FieldType type, int maxLength, String name) {
}
