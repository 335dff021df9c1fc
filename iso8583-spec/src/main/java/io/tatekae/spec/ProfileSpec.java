package io.tatekae.spec;

/**
 * The field layout of the network's profile, read once from the packager XML on the classpath
 * (the single source of truth). STUB: implemented by the codec work.
 */
public final class ProfileSpec {
    public static final String PACKAGER_RESOURCE = "/iso8583/tatekae-packager.xml";

    /** Loads and validates the packager XML from the classpath (no DTDs, no external entities). */
    public static ProfileSpec load() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The field's spec, or null when the profile does not define it. */
    public FieldSpec field(int number) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
