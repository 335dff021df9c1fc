package io.tatekae.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class PanHasherTest {
    private static final byte[] KEY32 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheJdkHmacSha256ForShortAndLongKeys() throws Exception {
        byte[] key100 = new byte[100];
        for (int i = 0; i < key100.length; i++) {
            key100[i] = (byte) (i * 7 + 3);
        }
        for (byte[] key : new byte[][] {KEY32, key100}) {
            PanHasher hasher = new PanHasher(key);
            for (String pan : new String[] {"3540990000001007", "354099000000", "3540990000000000007"}) {
                PanKey expected = jdkHmac(key, pan);
                assertEquals(expected, hasher.hash(pan, new PanKey()));
                assertEquals(expected, hasher.hash(pan, new PanKey()), "second use of the same hasher");
            }
        }
    }

    @Test
    void hashesTheDigitsInsideALargerBuffer() throws Exception {
        byte[] frame = "xx3540990000001007yy".getBytes(StandardCharsets.US_ASCII);
        PanKey key = new PanHasher(KEY32).hash(frame, 2, 16, new PanKey());
        assertEquals(jdkHmac(KEY32, "3540990000001007"), key);
    }

    @Test
    void differentKeysAndPansGiveDifferentHashes() {
        byte[] otherKey = KEY32.clone();
        otherKey[0] ^= 1;
        PanKey a = new PanHasher(KEY32).hash("3540990000001007", new PanKey());
        assertNotEquals(a, new PanHasher(otherKey).hash("3540990000001007", new PanKey()));
        assertNotEquals(a, new PanHasher(KEY32).hash("3540990000001015", new PanKey()));
    }

    @Test
    void refusesKeysShorterThan32Bytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PanHasher(new byte[31]));
        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PanHasher(null));
    }

    @Test
    void panKeyEqualityFollowsItsTwoHalves() {
        assertEquals(new PanKey(1, 2), new PanKey(1, 2));
        assertEquals(new PanKey(1, 2).hashCode(), new PanKey().set(1, 2).hashCode());
        assertNotEquals(new PanKey(1, 2), new PanKey(2, 1));
    }

    private static PanKey jdkHmac(byte[] key, String pan) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        ByteBuffer out = ByteBuffer.wrap(mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
        return new PanKey(out.getLong(), out.getLong());
    }
}
