package io.tatekae.bench.crypto;

import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measurement behind two choices of the request path, each implementation side by side in one
 * run: CAV2's four DES blocks through the JDK's {@code Cipher} (what the switch used) or
 * BouncyCastle's lightweight {@code DESEngine} (what it uses), and the PAN key's HMAC-SHA-256
 * through two JDK {@code MessageDigest}s over the padded key blocks (four compressions, with the
 * SHA extensions' intrinsic) or BouncyCastle's {@code HMac} with its keyed state saved (two
 * compressions, in Java).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CryptoChoiceBenchmark {
    private static final String CVK_A = "0123456789ABCDEF";
    private static final String CVK_B = "FEDCBA9876543210";

    private final byte[] pan = "3540990000001007".getBytes(StandardCharsets.US_ASCII);
    private final byte[] cav2 = "394".getBytes(StandardCharsets.US_ASCII);
    private final byte[] block1 = HexFormat.of().parseHex("3540990000001007");
    private final byte[] block2 = HexFormat.of().parseHex("3012000000000000");
    private final byte[] left = new byte[8];
    private final byte[] right = new byte[8];
    private final byte[] mac = new byte[32];
    private final PanKey key = new PanKey();
    private Cav2Calculator bouncyCastleCav2;
    private Cipher jdkEncryptA;
    private Cipher jdkDecryptB;
    private PanHasher jdkDigests;
    private HMac bouncyCastleHmac;

    @Setup
    public void setUp() throws GeneralSecurityException {
        bouncyCastleCav2 = new Cav2Calculator(CardVerificationKeys.fromHex(CVK_A, CVK_B));
        jdkEncryptA = Cipher.getInstance("DES/ECB/NoPadding");
        jdkEncryptA.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(CVK_A), "DES"));
        jdkDecryptB = Cipher.getInstance("DES/ECB/NoPadding");
        jdkDecryptB.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(CVK_B), "DES"));
        byte[] panKey = "tatekae-demo-pan-hash-key-000001".getBytes(StandardCharsets.US_ASCII);
        jdkDigests = new PanHasher(panKey);
        bouncyCastleHmac = new HMac(new SHA256Digest());
        bouncyCastleHmac.init(new KeyParameter(panKey));
        if (!bouncyCastleCav2.verify(pan, 0, pan.length, 3012, cav2, 0, cav2.length)) {
            throw new IllegalStateException("benchmark inputs do not match");
        }
    }

    /** The four DES blocks of a CAV2 through javax.crypto (decimalization left out: it is the same code in both). */
    @Benchmark
    public byte cav2BlocksJdkCipher() throws ShortBufferException {
        jdkEncryptA.update(block1, 0, 8, left, 0);
        for (int i = 0; i < 8; i++) {
            left[i] ^= block2[i];
        }
        jdkEncryptA.update(left, 0, 8, right, 0);
        jdkDecryptB.update(right, 0, 8, left, 0);
        jdkEncryptA.update(left, 0, 8, right, 0);
        return right[0];
    }

    /** A whole CAV2 verification as the switch does it (packing, four blocks, decimalization, compare). */
    @Benchmark
    public boolean cav2VerifyBouncyCastle() {
        return bouncyCastleCav2.verify(pan, 0, pan.length, 3012, cav2, 0, cav2.length);
    }

    @Benchmark
    public long panKeyJdkDigests() {
        return jdkDigests.hash(pan, 0, pan.length, key).hi();
    }

    @Benchmark
    public byte panKeyBouncyCastleHmac() {
        bouncyCastleHmac.update(pan, 0, pan.length);
        bouncyCastleHmac.doFinal(mac, 0);
        return mac[0];
    }
}
