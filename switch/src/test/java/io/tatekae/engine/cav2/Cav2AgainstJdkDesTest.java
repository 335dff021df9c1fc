package io.tatekae.engine.cav2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The calculator runs DES on BouncyCastle's engine; this recomputes the profile's CVV method with
 * the JDK's own DES (an independent implementation) for many random cards, expiries, service codes
 * and keys, and expects the same three digits every time.
 */
class Cav2AgainstJdkDesTest {
    @Test
    void sameDigitsAsTheJdkDesForRandomCardsAndKeys() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(20261206);
        for (int keyPair = 0; keyPair < 20; keyPair++) {
            String a = randomHex(random, 16);
            String b = randomHex(random, 16);
            Cav2Calculator calculator = new Cav2Calculator(CardVerificationKeys.fromHex(a, b));
            JdkCvv reference = new JdkCvv(a, b);
            for (int card = 0; card < 500; card++) {
                byte[] pan = randomDigits(random, 12 + random.nextInt(8));
                int expiry = random.nextInt(100) * 100 + 1 + random.nextInt(12);
                int serviceCode = random.nextInt(1000);
                assertEquals(reference.cvv(pan, expiry, serviceCode), calculator.compute(pan, 0, pan.length, expiry, serviceCode),
                        "keys #" + keyPair + ", card #" + card);
            }
        }
    }

    private static String randomHex(SplittableRandom random, int digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static byte[] randomDigits(SplittableRandom random, int n) {
        byte[] digits = new byte[n];
        for (int i = 0; i < n; i++) {
            digits[i] = (byte) ('0' + random.nextInt(10));
        }
        return digits;
    }

    /** The profile's §6 method, written plainly over javax.crypto (strings, allocation: a reference only). */
    private static final class JdkCvv {
        private final Cipher encryptA;
        private final Cipher decryptB;

        JdkCvv(String a, String b) throws GeneralSecurityException {
            encryptA = Cipher.getInstance("DES/ECB/NoPadding");
            encryptA.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(a), "DES"));
            decryptB = Cipher.getInstance("DES/ECB/NoPadding");
            decryptB.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(b), "DES"));
        }

        int cvv(byte[] pan, int expiry, int serviceCode) throws GeneralSecurityException {
            String data = new String(pan, StandardCharsets.US_ASCII)
                    + String.format("%04d%03d", expiry, serviceCode);
            data = (data + "0".repeat(32)).substring(0, 32);
            byte[] block1 = HexFormat.of().parseHex(data.substring(0, 16));
            byte[] block2 = HexFormat.of().parseHex(data.substring(16));
            byte[] x = encryptA.doFinal(block1);
            for (int i = 0; i < 8; i++) {
                x[i] ^= block2[i];
            }
            byte[] result = encryptA.doFinal(decryptB.doFinal(encryptA.doFinal(x)));
            String hex = HexFormat.of().formatHex(result);
            StringBuilder digits = new StringBuilder();
            for (char c : hex.toCharArray()) {
                if (Character.isDigit(c)) {
                    digits.append(c);
                }
            }
            for (char c : hex.toCharArray()) {
                if (!Character.isDigit(c)) {
                    digits.append((char) ('0' + (c - 'a')));
                }
            }
            return Integer.parseInt(digits.substring(0, 3));
        }
    }
}
