package io.tatekae.bench.load;

import io.tatekae.spec.FieldType;
import io.tatekae.spec.ProfileSpec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes request templates and scans responses under the profile's field layout (profile §2),
 * written from the spec so the tester works against any server that speaks it. Scanning reads only
 * what matching and checking need (MTI, DE 7, 11, 32, 39) and allocates nothing.
 */
final class FrameCodec {
    static final int HEADER_BYTES = 4;
    static final int MAX_MESSAGE_BYTES = 4096;

    private final ProfileSpec spec;

    FrameCodec(ProfileSpec spec) {
        this.spec = spec;
    }

    /** A framed message (4-byte header included) and where each data element's value starts in it (-1: absent). */
    record Template(byte[] frame, int[] offsets) {
        int offset(int de) {
            return offsets[de];
        }

        int de7Offset() {
            return offsets[7];
        }

        int de11Offset() {
            return offsets[11];
        }

        int de90Offset() {
            return offsets[90];
        }
    }

    /** Encodes {@code mti} with the given data elements (values as they go on the wire, unpadded). */
    Template encode(String mti, SortedMap<Integer, String> fields) {
        byte[] body = new byte[MAX_MESSAGE_BYTES];
        int pos = 0;
        pos = put(body, pos, mti);
        boolean secondary = fields.lastKey() > 64;
        int bitmapAt = pos;
        pos += secondary ? 16 : 8;
        if (secondary) {
            body[bitmapAt] |= (byte) 0x80;
        }
        int[] offsets = new int[129];
        Arrays.fill(offsets, -1);
        for (Map.Entry<Integer, String> e : fields.entrySet()) {
            int n = e.getKey();
            body[bitmapAt + (n - 1) / 8] |= (byte) (0x80 >>> ((n - 1) % 8));
            String v = e.getValue();
            int max = spec.maxLength(n);
            FieldType type = spec.type(n);
            if (type == null) {
                throw new IllegalArgumentException("DE " + n + " is not in the profile");
            }
            if (v.length() > max) {
                throw new IllegalArgumentException("DE " + n + " longer than " + max + ": " + v.length());
            }
            switch (type) {
                case NUMERIC_FIXED -> v = "0".repeat(max - v.length()) + v;
                case TEXT_FIXED -> v = v + " ".repeat(max - v.length());
                case NUMERIC_LLVAR, TEXT_LLVAR -> pos = put(body, pos, String.format("%02d", v.length()));
                case TEXT_LLLVAR -> pos = put(body, pos, String.format("%03d", v.length()));
                case BITMAP -> throw new IllegalArgumentException("DE " + n + " is a bitmap");
            }
            offsets[n] = HEADER_BYTES + pos;
            pos = put(body, pos, v);
        }
        byte[] frame = new byte[HEADER_BYTES + pos];
        frame[0] = (byte) (pos >>> 8);
        frame[1] = (byte) pos;
        System.arraycopy(body, 0, frame, HEADER_BYTES, pos);
        return new Template(frame, offsets);
    }

    private static int put(byte[] out, int pos, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, pos, b.length);
        return pos + b.length;
    }

    /** What a response scan found; reused. Missing fields are -1. */
    static final class Scan {
        int mti = -1;
        long de7 = -1;
        int de11 = -1;
        long de32 = -1;
        /** DE 39 as two ASCII bytes packed (first << 8 | second), or -1. */
        int de39 = -1;
        /** Where DE 39's two bytes start in the scanned buffer, or -1. */
        int de39Offset = -1;

        void clear() {
            de39Offset = -1;
            mti = -1;
            de7 = -1;
            de11 = -1;
            de32 = -1;
            de39 = -1;
        }
    }

    /** Scans a message body (no header); false when it does not parse under the profile. */
    boolean scan(byte[] buf, int off, int len, Scan out) {
        out.clear();
        int end = off + len;
        if (len < 12) {
            return false;
        }
        out.mti = (int) digits(buf, off, 4);
        int bitmap = off + 4;
        boolean secondary = (buf[bitmap] & 0x80) != 0;
        int pos = bitmap + (secondary ? 16 : 8);
        if (pos > end) {
            return false;
        }
        int last = secondary ? 128 : 64;
        for (int n = 2; n <= last; n++) {
            if ((buf[bitmap + (n - 1) / 8] & (0x80 >>> ((n - 1) % 8))) == 0) {
                continue;
            }
            FieldType type = spec.type(n);
            if (type == null) {
                return false;
            }
            int length;
            switch (type) {
                case NUMERIC_FIXED, TEXT_FIXED -> length = spec.maxLength(n);
                case NUMERIC_LLVAR, TEXT_LLVAR -> {
                    if (pos + 2 > end) {
                        return false;
                    }
                    length = (int) digits(buf, pos, 2);
                    pos += 2;
                }
                case TEXT_LLLVAR -> {
                    if (pos + 3 > end) {
                        return false;
                    }
                    length = (int) digits(buf, pos, 3);
                    pos += 3;
                }
                default -> {
                    return false;
                }
            }
            if (length < 0 || pos + length > end) {
                return false;
            }
            switch (n) {
                case 7 -> out.de7 = digits(buf, pos, length);
                case 11 -> out.de11 = (int) digits(buf, pos, length);
                case 32 -> out.de32 = digits(buf, pos, length);
                case 39 -> {
                    out.de39Offset = pos;
                    out.de39 = length == 2 ? ((buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF)) : -1;
                }
                default -> {
                }
            }
            pos += length;
        }
        return true;
    }

    /** ASCII digits as a number, or -1 when any byte is not a digit. */
    static long digits(byte[] buf, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Writes {@code value} as {@code len} zero-filled ASCII digits. */
    static void writeDigits(byte[] buf, int off, int len, long value) {
        for (int i = off + len - 1; i >= off; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static int code(String twoChars) {
        return twoChars.charAt(0) << 8 | twoChars.charAt(1);
    }

    static String codeText(int code) {
        return code < 0 ? "none" : "" + (char) (code >>> 8) + (char) (code & 0xFF);
    }
}
