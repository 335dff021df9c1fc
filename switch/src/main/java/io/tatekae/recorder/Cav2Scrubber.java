package io.tatekae.recorder;

import io.tatekae.iso.De48Tlv;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.IsoDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.spec.ProfileSpec;

import java.util.Arrays;

/**
 * Removes the CAV2 from a message before it is recorded: the value of DE 48 tag 92 becomes zeros of
 * the same length. A message that does not decode is scrubbed defensively: every run of digits
 * right after the bytes "9203" (what a tag 92 of length 3 looks like) becomes zeros. One instance
 * per thread (it keeps a decoder and fields).
 */
public final class Cav2Scrubber {
    private static final byte[] TAG_92_LENGTH_03 = {'9', '2', '0', '3'};
    private static final int CAV2_DIGITS = 3;

    private final IsoDecoder decoder;
    private final IsoFields fields = new IsoFields();
    private final De48Tlv tlv = new De48Tlv();

    public Cav2Scrubber(ProfileSpec spec) {
        decoder = new IsoDecoder(spec);
    }

    /** Scrubs message[off, off+len) in place. */
    public void scrub(byte[] message, int off, int len) {
        if (decoder.decode(message, off, len, fields) == FormatError.NONE) {
            int at = tlv.find(fields, De48Tlv.TAG_CAV2);
            if (at >= 0) {
                Arrays.fill(message, at, at + tlv.valueLength(), (byte) '0');
            }
            return;
        }
        scrubDefensively(message, off, len);
    }

    /** Zeroes up to three digits after each "9203" in message[off, off+len). */
    public static void scrubDefensively(byte[] message, int off, int len) {
        int end = off + len;
        for (int i = off; i + TAG_92_LENGTH_03.length <= end; i++) {
            if (startsWithTag(message, i)) {
                int digit = i + TAG_92_LENGTH_03.length;
                for (int n = 0; n < CAV2_DIGITS && digit < end && isDigit(message[digit]); n++, digit++) {
                    message[digit] = '0';
                }
            }
        }
    }

    private static boolean startsWithTag(byte[] message, int i) {
        for (int k = 0; k < TAG_92_LENGTH_03.length; k++) {
            if (message[i + k] != TAG_92_LENGTH_03[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
