package io.tatekae.iso;

/** Allocation-free checks and conversions of ASCII bytes in a frame. */
final class Ascii {
    private Ascii() { }

    /** The value of {@code count} ASCII digits at buf[pos], or -1 when any byte is not a digit. */
    static int digits(byte[] buf, int pos, int count) {
        int value = 0;
        for (int i = pos; i < pos + count; i++) {
            int digit = buf[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    static boolean allDigits(byte[] buf, int pos, int count) {
        for (int i = pos; i < pos + count; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** All bytes in 0x20..0x7E (the profile's an/ans alphabet). */
    static boolean allPrintable(byte[] buf, int pos, int count) {
        for (int i = pos; i < pos + count; i++) {
            if (buf[i] < 0x20 || buf[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static long readLong(byte[] buf, int pos) {
        long value = 0;
        for (int i = pos; i < pos + 8; i++) {
            value = (value << 8) | (buf[i] & 0xFF);
        }
        return value;
    }

    static void writeLong(byte[] buf, int pos, long value) {
        for (int i = 7; i >= 0; i--) {
            buf[pos + i] = (byte) value;
            value >>>= 8;
        }
    }

    /** Writes {@code value} as exactly {@code width} ASCII digits, zero-filled on the left. */
    static void writeDigits(byte[] buf, int pos, int width, long value) {
        long rest = value;
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (rest % 10));
            rest /= 10;
        }
    }

    /** Number of decimal digits of a non-negative value (1 for 0). */
    static int digitCount(long value) {
        int count = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            count++;
        }
        return count;
    }
}
