package io.tatekae.engine.name;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The canonical form of a card's provisioned name (given name(s) first, family name last, as
 * embossed), computed once at provisioning and compared by {@link NameMatcher}.
 * <p>
 * Serialized form (at most {@link #MAX_SERIALIZED_BYTES} bytes, kept off-heap by the state store):
 * {@code version(1) tokenCount (length canonicalBytes)*}. The last token is the family name.
 * Immutable.
 */
public final class CardholderName {
    public static final int MAX_SERIALIZED_BYTES = 64;
    /** Given name, middle names and family name together. */
    public static final int MAX_TOKENS = 8;
    static final byte FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 2;

    private final byte[] form;

    private CardholderName(byte[] form) {
        this.form = form;
    }

    /**
     * Canonicalizes a provisioned name such as {@code "TARO YAMADA"}.
     *
     * @throws IllegalArgumentException if the name is missing, longer than 45 characters, has a
     *     character other than A-Z, a-z, space, hyphen, apostrophe or period, has no letter, or
     *     has more than {@link #MAX_TOKENS} names
     */
    public static CardholderName canonicalize(String provisionedName) {
        if (provisionedName == null) {
            throw new IllegalArgumentException("provisioned cardholder name is missing");
        }
        final int length = provisionedName.length();
        if (length > NameNormalizer.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("provisioned cardholder name has " + length
                + " characters, more than the " + NameNormalizer.MAX_NAME_BYTES + " allowed");
        }
        final byte[] ascii = new byte[length];
        for (int i = 0; i < length; i++) {
            final char ch = provisionedName.charAt(i);
            if (!NameNormalizer.isAllowed(ch)) {
                throw new IllegalArgumentException("provisioned cardholder name has a character at position "
                    + (i + 1) + " that is not a letter A-Z, space, hyphen, apostrophe or period");
            }
            ascii[i] = (byte) ch;
        }
        final NameNormalizer normalizer = new NameNormalizer();
        final int tokens = normalizer.normalize(ascii, 0, length);
        if (tokens == 0) {
            throw new IllegalArgumentException("provisioned cardholder name has no letters");
        }
        if (tokens > MAX_TOKENS) {
            throw new IllegalArgumentException("provisioned cardholder name has " + tokens
                + " names, more than the " + MAX_TOKENS + " allowed");
        }
        final byte[] form = new byte[HEADER_BYTES + tokens + normalizer.canonicalLength()];
        form[0] = FORMAT_VERSION;
        form[1] = (byte) tokens;
        int o = HEADER_BYTES;
        for (int t = 0; t < tokens; t++) {
            final int tokenLength = normalizer.tokenLength(t);
            form[o++] = (byte) tokenLength;
            System.arraycopy(normalizer.canonical(), normalizer.tokenStart(t), form, o, tokenLength);
            o += tokenLength;
        }
        return new CardholderName(form);
    }

    /** Reads a serialized form written by {@link #writeTo} / {@link #toBytes}. */
    public static CardholderName fromBytes(byte[] buf, int off, int len) {
        validateForm(buf, off, len);
        return new CardholderName(Arrays.copyOfRange(buf, off, off + len));
    }

    public static CardholderName fromBytes(byte[] form) {
        return fromBytes(form, 0, form.length);
    }

    /**
     * Checks that buf[off, off+len) is a well-formed serialized name.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void validateForm(byte[] buf, int off, int len) {
        if (len < HEADER_BYTES + 2 || len > MAX_SERIALIZED_BYTES) {
            throw new IllegalArgumentException("serialized cardholder name has " + len
                + " bytes, expected " + (HEADER_BYTES + 2) + " to " + MAX_SERIALIZED_BYTES);
        }
        if (buf[off] != FORMAT_VERSION) {
            throw new IllegalArgumentException("serialized cardholder name has format version "
                + buf[off] + ", expected " + FORMAT_VERSION);
        }
        final int tokens = buf[off + 1];
        if (tokens < 1 || tokens > MAX_TOKENS) {
            throw new IllegalArgumentException("serialized cardholder name has " + tokens
                + " names, expected 1 to " + MAX_TOKENS);
        }
        int p = off + HEADER_BYTES;
        final int end = off + len;
        for (int t = 0; t < tokens; t++) {
            final int tokenLength = p < end ? buf[p] : 0;
            if (tokenLength < 1 || p + 1 + tokenLength > end) {
                throw new IllegalArgumentException("serialized cardholder name: name " + (t + 1)
                    + " has a bad length or runs past the end");
            }
            for (int i = p + 1; i <= p + tokenLength; i++) {
                if (buf[i] < 'A' || buf[i] > 'Z') {
                    throw new IllegalArgumentException("serialized cardholder name: name " + (t + 1)
                        + " has a byte that is not A-Z");
                }
            }
            p += 1 + tokenLength;
        }
        if (p != end) {
            throw new IllegalArgumentException("serialized cardholder name has " + (end - p)
                + " bytes after its last name");
        }
    }

    /** Length of the serialized form. */
    public int serializedLength() {
        return form.length;
    }

    /** Writes the serialized form at dst[off]; returns the number of bytes written. */
    public int writeTo(byte[] dst, int off) {
        System.arraycopy(form, 0, dst, off, form.length);
        return form.length;
    }

    public byte[] toBytes() {
        return form.clone();
    }

    /** Number of names (tokens); the last one is the family name. */
    public int tokenCount() {
        return form[1];
    }

    /** The serialized form itself, read-only by contract, for {@link NameMatcher}. */
    byte[] form() {
        return form;
    }

    /** The canonical names separated by spaces, for tests and diagnostics; personal data. */
    String canonicalText() {
        final StringBuilder text = new StringBuilder(form.length);
        int p = HEADER_BYTES;
        for (int t = 0; t < tokenCount(); t++) {
            final int tokenLength = form[p];
            if (t > 0) {
                text.append(' ');
            }
            text.append(new String(form, p + 1, tokenLength, StandardCharsets.US_ASCII));
            p += 1 + tokenLength;
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardholderName that && Arrays.equals(form, that.form);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(form);
    }

    /** Deliberately without the name itself (personal data does not belong in logs). */
    @Override
    public String toString() {
        return "CardholderName[" + tokenCount() + " names]";
    }
}
