package io.tatekae.iso;

import io.tatekae.spec.FieldType;
import io.tatekae.spec.ProfileSpec;

/**
 * Encodes one ISO message into a caller-supplied byte array: begin, then fields in ascending order,
 * then finish (which writes the bitmap(s)). Allocates nothing (except the exception of a misuse).
 * Values are checked against the profile as they are written, so the writer never emits a message
 * that the strict decoder would refuse (DE 48's TLV structure excepted: use {@link De48Writer}).
 */
public final class IsoWriter {
    private static final int HEADER = 4 + 8 + 8; // MTI + primary + room for the secondary bitmap

    private final FieldType[] types = new FieldType[IsoFields.MAX_FIELD + 1];
    private final int[] maxLengths = new int[IsoFields.MAX_FIELD + 1];

    private byte[] out;
    private int start;
    private int pos;
    private int lastDe;
    private long primary;
    private long secondary;

    public IsoWriter(ProfileSpec spec) {
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            types[de] = spec.type(de);
            maxLengths[de] = spec.maxLength(de);
        }
    }

    /** Starts a message at out[off]; reserves room for MTI and both bitmaps. */
    public void begin(byte[] out, int off, int mti) {
        if (mti < 0 || mti > 9999) {
            throw new IllegalArgumentException("MTI " + mti + " is not four digits");
        }
        if (off < 0 || out.length - off < HEADER) {
            throw new IllegalArgumentException("no room for MTI and bitmaps at offset " + off);
        }
        this.out = out;
        this.start = off;
        Ascii.writeDigits(out, off, 4, mti);
        pos = off + HEADER;
        lastDe = 1;
        primary = 0;
        secondary = 0;
    }

    /** Writes a text or numeric field from ASCII bytes (length prefix added for variable fields). */
    public void bytes(int de, byte[] src, int srcOff, int len) {
        FieldType type = open(de, len);
        checkContent(de, type, src, srcOff, len);
        int max = maxLengths[de];
        switch (type) {
            case NUMERIC_FIXED -> {
                ensure(max);
                int fill = max - len;
                for (int i = 0; i < fill; i++) {
                    out[pos + i] = '0';
                }
                System.arraycopy(src, srcOff, out, pos + fill, len);
                pos += max;
            }
            case TEXT_FIXED -> {
                ensure(max);
                System.arraycopy(src, srcOff, out, pos, len);
                for (int i = len; i < max; i++) {
                    out[pos + i] = ' ';
                }
                checkReplacementAmount(de, pos);
                pos += max;
            }
            default -> {
                int prefix = type == FieldType.TEXT_LLLVAR ? 3 : 2;
                ensure(prefix + len);
                Ascii.writeDigits(out, pos, prefix, len);
                System.arraycopy(src, srcOff, out, pos + prefix, len);
                pos += prefix + len;
            }
        }
        mark(de);
    }

    /** Writes a field from ASCII text (e.g. a constant response code); allocates nothing. */
    public void ascii(int de, CharSequence text) {
        int len = text.length();
        FieldType type = open(de, len);
        int max = maxLengths[de];
        boolean fixed = type == FieldType.NUMERIC_FIXED || type == FieldType.TEXT_FIXED;
        int prefix = fixed ? 0 : type == FieldType.TEXT_LLLVAR ? 3 : 2;
        int width = fixed ? max : len;
        ensure(prefix + width);
        if (prefix > 0) {
            Ascii.writeDigits(out, pos, prefix, len);
        }
        int body = pos + prefix;
        int lead = type == FieldType.NUMERIC_FIXED ? width - len : 0;
        for (int i = 0; i < width; i++) {
            out[body + i] = type == FieldType.NUMERIC_FIXED ? (byte) '0' : (byte) ' ';
        }
        for (int i = 0; i < len; i++) {
            out[body + lead + i] = (byte) text.charAt(i);
        }
        checkContent(de, type, out, body + lead, len);
        checkReplacementAmount(de, body);
        pos = body + width;
        mark(de);
    }

    /** Writes a numeric field from a value, zero-filled to a fixed field's length. */
    public void numeric(int de, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("DE " + de + ": negative value " + value);
        }
        int digits = Ascii.digitCount(value);
        FieldType type = open(de, digits);
        switch (type) {
            case NUMERIC_FIXED, TEXT_FIXED -> {
                int max = maxLengths[de];
                ensure(max);
                Ascii.writeDigits(out, pos, max, value);
                pos += max;
            }
            default -> {
                int prefix = type == FieldType.TEXT_LLLVAR ? 3 : 2;
                ensure(prefix + digits);
                Ascii.writeDigits(out, pos, prefix, digits);
                Ascii.writeDigits(out, pos + prefix, digits, value);
                pos += prefix + digits;
            }
        }
        mark(de);
    }

    /** Copies a field's value from a decoded request, if present there. */
    public void echo(int de, IsoFields from) {
        if (from.has(de)) {
            bytes(de, from.buffer(), from.offset(de), from.length(de));
        }
    }

    /** Writes the bitmap(s) and returns the message's length in bytes. */
    public int finish() {
        if (out == null) {
            throw new IllegalStateException("finish() without begin()");
        }
        int bitmaps = start + 4;
        if (secondary != 0) {
            Ascii.writeLong(out, bitmaps, primary | Long.MIN_VALUE);
            Ascii.writeLong(out, bitmaps + 8, secondary);
        } else {
            // no field above 64: close the gap left for the secondary bitmap
            System.arraycopy(out, bitmaps + 16, out, bitmaps + 8, pos - (bitmaps + 16));
            pos -= 8;
            Ascii.writeLong(out, bitmaps, primary);
        }
        int length = pos - start;
        out = null;
        return length;
    }

    /** Checks that {@code de} may come next with a value of {@code len} bytes; returns its type. */
    private FieldType open(int de, int len) {
        if (out == null) {
            throw new IllegalStateException("field " + de + " written without begin()");
        }
        if (de <= lastDe || de > IsoFields.MAX_FIELD) {
            throw new IllegalStateException("DE " + de + " written after DE " + lastDe
                    + ": fields must be written once each, in ascending order");
        }
        FieldType type = types[de];
        if (type == null) {
            throw new IllegalArgumentException("DE " + de + " is not defined by the profile");
        }
        if (len < 0 || len > maxLengths[de]) {
            throw new IllegalArgumentException("DE " + de + ": " + len + " bytes exceed its maximum "
                    + maxLengths[de]);
        }
        return type;
    }

    private static void checkContent(int de, FieldType type, byte[] src, int off, int len) {
        boolean numeric = type == FieldType.NUMERIC_FIXED || type == FieldType.NUMERIC_LLVAR;
        boolean ok = numeric ? Ascii.allDigits(src, off, len) : Ascii.allPrintable(src, off, len);
        if (!ok) {
            throw new IllegalArgumentException("DE " + de + ": value is not " + (numeric ? "all digits" : "0x20..0x7E text"));
        }
    }

    /** The one positional rule the decoder enforces: DE 95 positions 1-12 are digits. */
    private void checkReplacementAmount(int de, int body) {
        if (de == IsoDecoder.DE_REPLACEMENT_AMOUNTS
                && !Ascii.allDigits(out, body, IsoDecoder.REPLACEMENT_AMOUNT_DIGITS)) {
            throw new IllegalArgumentException("DE 95: positions 1-12 (the new amount) must be digits");
        }
    }

    private void ensure(int bytes) {
        if (out.length - pos < bytes) {
            throw new IllegalStateException("message does not fit the " + out.length + "-byte output buffer");
        }
    }

    private void mark(int de) {
        lastDe = de;
        if (de <= 64) {
            primary |= Long.MIN_VALUE >>> (de - 1);
        } else {
            secondary |= Long.MIN_VALUE >>> (de - 65);
        }
    }
}
