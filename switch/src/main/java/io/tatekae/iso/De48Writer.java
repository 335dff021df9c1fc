package io.tatekae.iso;

/**
 * Builds the response's DE 48 (tags 87, 88, 90 of profile §5) in a reusable buffer, then hands it to
 * an {@link IsoWriter}. Allocates nothing after construction. One instance per thread.
 */
public final class De48Writer {
    private static final int MAX = 999;
    private static final int MAX_VALUE = 99;

    private final byte[] buf = new byte[MAX];
    private int length;

    /** Forgets the previous content. */
    public De48Writer reset() {
        length = 0;
        return this;
    }

    /** Adds a one-character subelement (tags 87, 88: 'M', 'N', 'P', 'U'). */
    public De48Writer character(int tag, char value) {
        header(tag, 1);
        buf[length++] = (byte) checkedPrintable(value, tag);
        return this;
    }

    /** Adds a numeric subelement of exactly {@code width} digits, zero-filled (tag 90: width 4). */
    public De48Writer numeric(int tag, long value, int width) {
        if (value < 0 || width < 1 || width > 18 || Ascii.digitCount(value) > width) {
            throw new IllegalArgumentException("DE 48 tag " + tag + ": " + value + " does not fit " + width + " digits");
        }
        header(tag, width);
        Ascii.writeDigits(buf, length, width, value);
        length += width;
        return this;
    }

    /** Adds a text subelement (bytes 0x20..0x7E). */
    public De48Writer text(int tag, CharSequence value) {
        header(tag, value.length());
        for (int i = 0; i < value.length(); i++) {
            buf[length++] = (byte) checkedPrintable(value.charAt(i), tag);
        }
        return this;
    }

    /** Writes the subelements as DE 48; does nothing when none were added. */
    public void writeTo(IsoWriter writer) {
        if (length > 0) {
            writer.bytes(IsoDecoder.DE_TLV, buf, 0, length);
        }
    }

    /** The bytes built so far (for tests). */
    public int length() {
        return length;
    }

    private void header(int tag, int valueLength) {
        if (tag < 0 || tag > 99 || valueLength > MAX_VALUE) {
            throw new IllegalArgumentException("DE 48 tag " + tag + " with a " + valueLength
                    + "-byte value does not fit tag n2 + length n2");
        }
        if (length + 4 + valueLength > MAX) {
            throw new IllegalStateException("DE 48 would exceed " + MAX + " bytes");
        }
        Ascii.writeDigits(buf, length, 2, tag);
        Ascii.writeDigits(buf, length + 2, 2, valueLength);
        length += 4;
    }

    private static char checkedPrintable(char c, int tag) {
        if (c < 0x20 || c > 0x7E) {
            throw new IllegalArgumentException("DE 48 tag " + tag + ": character 0x"
                    + Integer.toHexString(c) + " is outside 0x20..0x7E");
        }
        return c;
    }
}
