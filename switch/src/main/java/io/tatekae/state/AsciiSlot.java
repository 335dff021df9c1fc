package io.tatekae.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed-capacity, reusable ASCII text buffer (bytes beyond the length are kept zero so that
 * persisted records are deterministic). Holds names, ids and masked PANs without allocating.
 */
public final class AsciiSlot {
    private final String what;
    private final byte[] bytes;
    private int length;

    public AsciiSlot(String what, int capacity) {
        if (capacity <= 0 || capacity > 255) {
            throw new IllegalArgumentException(what + " capacity must be 1..255, got " + capacity);
        }
        this.what = what;
        this.bytes = new byte[capacity];
    }

    public int capacity() {
        return bytes.length;
    }

    public int length() {
        return length;
    }

    public byte byteAt(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(what + " index " + i + " outside 0.." + (length - 1));
        }
        return bytes[i];
    }

    /** The backing array (valid bytes are [0, length())); for copying, never for keeping. */
    public byte[] array() {
        return bytes;
    }

    public void clear() {
        Arrays.fill(bytes, 0, length, (byte) 0);
        length = 0;
    }

    public void set(byte[] src, int off, int len) {
        checkLength(len);
        System.arraycopy(src, off, bytes, 0, len);
        Arrays.fill(bytes, len, bytes.length, (byte) 0);
        length = len;
    }

    /** Sets from text that must be ASCII (the caller validates which ASCII characters it allows). */
    public void set(CharSequence text) {
        int len = text.length();
        checkLength(len);
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                throw new IllegalArgumentException(what + " must be ASCII, character " + (i + 1) + " is not");
            }
            bytes[i] = (byte) c;
        }
        Arrays.fill(bytes, len, bytes.length, (byte) 0);
        length = len;
    }

    public void copyFrom(AsciiSlot other) {
        set(other.bytes, 0, other.length);
    }

    public boolean contentEquals(CharSequence text) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean contentEquals(AsciiSlot other) {
        return Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }

    /** Allocates: for provisioning, admin and tests, not the decision thread. */
    public String asString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /** After the persisted bytes were read into {@link #array()}: sets the length they carry. */
    void loadedLength(int len) {
        if (len < 0 || len > bytes.length) {
            throw new IllegalStateException(what + " length " + len + " in state store exceeds " + bytes.length);
        }
        length = len;
    }

    private void checkLength(int len) {
        if (len < 0 || len > bytes.length) {
            throw new IllegalArgumentException(what + " must be at most " + bytes.length + " characters, got " + len);
        }
    }

    @Override
    public String toString() {
        return asString();
    }
}
