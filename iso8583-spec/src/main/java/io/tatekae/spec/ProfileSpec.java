package io.tatekae.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The field layout of the network's profile, read once from the packager XML on the classpath (the
 * single source of truth). Immutable after {@link #load()}.
 */
public final class ProfileSpec {
    public static final String PACKAGER_RESOURCE = "/iso8583/tatekae-packager.xml";
    /** The DOCTYPE system id jPOS resolves from its own jar (so GenericPackager never fetches it). */
    public static final String JPOS_DTD_SYSTEM_ID = "http://jpos.org/dtd/generic-packager-1.0.dtd";
    public static final int MAX_FIELD = 128;

    private static final Map<String, FieldType> TYPES_BY_CLASS = Map.of(
            "org.jpos.iso.IFA_NUMERIC", FieldType.NUMERIC_FIXED,
            "org.jpos.iso.IF_CHAR", FieldType.TEXT_FIXED,
            "org.jpos.iso.IFA_LLNUM", FieldType.NUMERIC_LLVAR,
            "org.jpos.iso.IFA_LLCHAR", FieldType.TEXT_LLVAR,
            "org.jpos.iso.IFA_LLLCHAR", FieldType.TEXT_LLLVAR,
            "org.jpos.iso.IFB_BITMAP", FieldType.BITMAP);

    private final String source;
    private final FieldSpec[] fields;

    private ProfileSpec(String source, FieldSpec[] fields) {
        this.source = source;
        this.fields = fields;
    }

    /** Loads and validates the packager XML from the classpath (no DTDs, no external entities). */
    public static ProfileSpec load() {
        return fromClasspath(PACKAGER_RESOURCE);
    }

    /** Loads another packager XML from the classpath (tests); never from a file or a URL. */
    public static ProfileSpec fromClasspath(String resource) {
        try (InputStream in = ProfileSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("packager XML " + resource + " is not on the classpath");
            }
            List<PackagerXml.RawField> raw = PackagerXml.parse(in, resource);
            return new ProfileSpec(resource, toFieldSpecs(raw, resource));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read packager XML " + resource + ": " + e.getMessage(), e);
        }
    }

    private static FieldSpec[] toFieldSpecs(List<PackagerXml.RawField> raw, String resource) {
        FieldSpec[] specs = new FieldSpec[MAX_FIELD + 1];
        for (PackagerXml.RawField f : raw) {
            String where = resource + " line " + f.line() + " (isofield id=\"" + f.id() + "\")";
            int number = parseInt(f.id(), "id", where);
            int length = parseInt(f.length(), "length", where);
            if (number < 0 || number > MAX_FIELD) {
                throw new IllegalStateException(where + ": id must be 0.." + MAX_FIELD);
            }
            if (specs[number] != null) {
                throw new IllegalStateException(where + ": field " + number + " is defined twice");
            }
            FieldType type = TYPES_BY_CLASS.get(f.className());
            if (type == null) {
                throw new IllegalStateException(where + ": field packager class " + f.className()
                        + " is not supported by the tatekae codec (supported: "
                        + String.join(", ", TYPES_BY_CLASS.keySet().stream().sorted().toList()) + ")");
            }
            checkLength(number, type, length, where);
            specs[number] = new FieldSpec(number, type, length, f.name());
        }
        requireFrame(specs, resource);
        return specs;
    }

    private static void checkLength(int number, FieldType type, int length, String where) {
        int max = switch (type) {
            case NUMERIC_LLVAR, TEXT_LLVAR -> 99;
            case TEXT_LLLVAR -> 999;
            case BITMAP -> 16;
            case NUMERIC_FIXED, TEXT_FIXED -> 999;
        };
        if (length < 1 || length > max) {
            throw new IllegalStateException(where + ": length " + length + " is outside 1.." + max + " for " + type);
        }
        if (type == FieldType.BITMAP && number != 1) {
            throw new IllegalStateException(where + ": only field 1 may be a bitmap");
        }
    }

    private static void requireFrame(FieldSpec[] specs, String resource) {
        if (specs[0] == null || specs[0].type() != FieldType.NUMERIC_FIXED || specs[0].maxLength() != 4) {
            throw new IllegalStateException(resource + ": field 0 (MTI) must be IFA_NUMERIC of length 4");
        }
        if (specs[1] == null || specs[1].type() != FieldType.BITMAP || specs[1].maxLength() != 16) {
            throw new IllegalStateException(resource + ": field 1 must be IFB_BITMAP of length 16"
                    + " (8-byte primary + 8-byte secondary bitmap)");
        }
    }

    private static int parseInt(String text, String attribute, String where) {
        if (text == null) {
            throw new IllegalStateException(where + ": attribute " + attribute + " is missing");
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where + ": attribute " + attribute + "=\"" + text + "\" is not a number");
        }
    }

    /** The field's spec, or null when the profile does not define it. */
    public FieldSpec field(int number) {
        return number < 0 || number > MAX_FIELD ? null : fields[number];
    }

    /** The field's wire type, or null when the profile does not define it. */
    public FieldType type(int number) {
        FieldSpec f = field(number);
        return f == null ? null : f.type();
    }

    /** Fixed length, or the maximum length of a variable field; 0 when the field is undefined. */
    public int maxLength(int number) {
        FieldSpec f = field(number);
        return f == null ? 0 : f.maxLength();
    }

    /** The data elements 2..128 the profile defines, ascending. */
    public List<FieldSpec> dataElements() {
        List<FieldSpec> list = new ArrayList<>();
        for (int i = 2; i <= MAX_FIELD; i++) {
            if (fields[i] != null) {
                list.add(fields[i]);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** The classpath resource this spec was read from. */
    public String source() {
        return source;
    }
}
