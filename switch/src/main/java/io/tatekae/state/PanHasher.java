package io.tatekae.state;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (RFC 2104) of a PAN's digits under a secret key, reduced to a {@link PanKey}.
 * Built directly on two reused SHA-256 digests with the padded key blocks precomputed, because
 * {@code javax.crypto.Mac#doFinal} allocates its result on every call; the output is identical to
 * {@code Mac.getInstance("HmacSHA256")}. Not thread-safe: one instance per thread.
 * <p>
 * Not BouncyCastle's {@code HMac} with its keyed state saved, although that compresses two blocks
 * instead of four: its SHA-256 is plain Java, while the JDK's compresses with the CPU's SHA
 * extensions, and the four JDK compressions measured 2.6 times faster than BouncyCastle's two
 * (CryptoChoiceBenchmark, docs/benchmarks.md).
 */
public final class PanHasher {
    public static final int MIN_KEY_BYTES = 32;
    private static final int BLOCK_BYTES = 64;
    private static final int DIGEST_BYTES = 32;
    private static final int MAX_PAN_DIGITS = 19;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerPad = new byte[BLOCK_BYTES];
    private final byte[] outerPad = new byte[BLOCK_BYTES];
    private final byte[] digest = new byte[DIGEST_BYTES];
    private final byte[] panScratch = new byte[MAX_PAN_DIGITS];

    public PanHasher(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("PAN hash key must be at least " + MIN_KEY_BYTES
                    + " bytes, got " + (key == null ? "none" : key.length + " bytes"));
        }
        inner = sha256();
        outer = sha256();
        byte[] blockKey = key.length > BLOCK_BYTES ? inner.digest(key) : key;
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte k = i < blockKey.length ? blockKey[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        inner.reset();
    }

    /** Hashes the ASCII digits pan[off, off+len) into {@code into}; allocates nothing. */
    public PanKey hash(byte[] pan, int off, int len, PanKey into) {
        try {
            inner.update(innerPad, 0, BLOCK_BYTES);
            inner.update(pan, off, len);
            inner.digest(digest, 0, DIGEST_BYTES);
            outer.update(outerPad, 0, BLOCK_BYTES);
            outer.update(digest, 0, DIGEST_BYTES);
            outer.digest(digest, 0, DIGEST_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digest failed", e);
        }
        into.set(readLong(digest, 0), readLong(digest, 8));
        Arrays.fill(digest, (byte) 0);
        return into;
    }

    /** Convenience for provisioning and tests (not the hot path): hashes an ASCII digit string. */
    public PanKey hash(CharSequence pan, PanKey into) {
        int len = pan.length();
        if (len > MAX_PAN_DIGITS) {
            throw new IllegalArgumentException("PAN longer than " + MAX_PAN_DIGITS + " characters");
        }
        for (int i = 0; i < len; i++) {
            panScratch[i] = (byte) pan.charAt(i);
        }
        hash(panScratch, 0, len, into);
        Arrays.fill(panScratch, (byte) 0);
        return into;
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available in this JVM", e);
        }
    }
}
