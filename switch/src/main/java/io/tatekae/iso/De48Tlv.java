package io.tatekae.iso;

/**
 * Allocation-free reading of DE 48's subelements (profile §5): tag n2 + length n2 + value, repeated,
 * exactly filling the field. The decoder has already checked the structure ({@link #wellFormed}),
 * so a cursor over a decoded message never meets a malformed sequence. One instance per thread.
 *
 * <pre>
 *   int at = tlv.find(fields, 92);          // value offset in fields.buffer(), or -1
 *   if (at >= 0) use(fields.buffer(), at, tlv.valueLength());
 * </pre>
 */
public final class De48Tlv {
    public static final int TAG_CARDHOLDER_NAME = 1;
    public static final int TAG_ECI = 42;
    public static final int TAG_CAVV = 43;
    public static final int TAG_CAV2 = 92;
    public static final int TAG_CAV2_RESULT = 87;
    public static final int TAG_NAME_RESULT = 88;
    public static final int TAG_REASON_CODE = 90;

    private byte[] buffer;
    private int next;
    private int end;
    private int tag = -1;
    private int valueOffset = -1;
    private int valueLength;

    /**
     * True when buf[pos, pos+len) is a sequence of subelements that adds up exactly, with no tag
     * twice (a repeated tag would make "the" value of a tag ambiguous).
     */
    static boolean wellFormed(byte[] buf, int pos, int len) {
        long seenLow = 0;   // tags 0..63
        long seenHigh = 0;  // tags 64..99
        int at = pos;
        int end = pos + len;
        while (at < end) {
            if (end - at < 4) {
                return false;
            }
            int tag = Ascii.digits(buf, at, 2);
            int length = Ascii.digits(buf, at + 2, 2);
            if (tag < 0 || length < 0 || end - (at + 4) < length) {
                return false;
            }
            long bit = 1L << (tag & 63);
            if (tag < 64) {
                if ((seenLow & bit) != 0) {
                    return false;
                }
                seenLow |= bit;
            } else {
                if ((seenHigh & bit) != 0) {
                    return false;
                }
                seenHigh |= bit;
            }
            at += 4 + length;
        }
        return true;
    }

    /** The offset of the tag's value in {@code fields.buffer()}, or -1 when DE 48 or the tag is absent. */
    public int find(IsoFields fields, int tag) {
        if (!start(fields)) {
            return -1;
        }
        while (next()) {
            if (this.tag == tag) {
                return valueOffset;
            }
        }
        valueOffset = -1;
        valueLength = 0;
        return -1;
    }

    /** True when the tag is present in DE 48 and its value equals the ASCII text. */
    public boolean valueEquals(IsoFields fields, int tag, CharSequence ascii) {
        int at = find(fields, tag);
        if (at < 0 || valueLength != ascii.length()) {
            return false;
        }
        for (int i = 0; i < valueLength; i++) {
            if (buffer[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Positions the cursor before the first subelement; false when the message has no DE 48. */
    public boolean start(IsoFields fields) {
        tag = -1;
        valueOffset = -1;
        valueLength = 0;
        if (!fields.has(IsoDecoder.DE_TLV)) {
            buffer = null;
            next = end = 0;
            return false;
        }
        buffer = fields.buffer();
        next = fields.offset(IsoDecoder.DE_TLV);
        end = next + fields.length(IsoDecoder.DE_TLV);
        return true;
    }

    /** Moves to the next subelement; false after the last one. */
    public boolean next() {
        if (buffer == null || end - next < 4) {
            return false;
        }
        tag = Ascii.digits(buffer, next, 2);
        valueLength = Ascii.digits(buffer, next + 2, 2);
        valueOffset = next + 4;
        next = valueOffset + valueLength;
        return true;
    }

    /** The current (or last found) subelement's tag. */
    public int tag() {
        return tag;
    }

    /** The current (or last found) value's offset in the message buffer, -1 when none. */
    public int valueOffset() {
        return valueOffset;
    }

    /** The current (or last found) value's length in bytes. */
    public int valueLength() {
        return valueLength;
    }
}
