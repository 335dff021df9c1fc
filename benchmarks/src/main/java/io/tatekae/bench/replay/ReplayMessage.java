package io.tatekae.bench.replay;

import io.tatekae.iso.FormatError;
import io.tatekae.iso.IsoDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.iso.IsoWriter;
import io.tatekae.spec.ProfileSpec;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A decoded ISO message as text fields, easy to change and encode again. For the replayer only (it
 * allocates freely); every profile field is ASCII, the bitmaps are rebuilt on encoding.
 */
final class ReplayMessage {
    private static final int MAX_MESSAGE_BYTES = 4096;

    private final int mti;
    private final TreeMap<Integer, String> fields;

    ReplayMessage(int mti, Map<Integer, String> fields) {
        this.mti = mti;
        this.fields = new TreeMap<>(fields);
    }

    /** The message, or null when it does not decode under the profile. */
    static ReplayMessage decode(IsoDecoder decoder, byte[] message) {
        IsoFields decoded = new IsoFields();
        if (decoder.decode(message, 0, message.length, decoded) != FormatError.NONE) {
            return null;
        }
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            if (decoded.has(de)) {
                fields.put(de, decoded.valueString(de));
            }
        }
        return new ReplayMessage(decoded.mti(), fields);
    }

    byte[] encode(ProfileSpec spec) {
        IsoWriter writer = new IsoWriter(spec);
        byte[] out = new byte[MAX_MESSAGE_BYTES];
        writer.begin(out, 0, mti);
        for (Map.Entry<Integer, String> field : fields.entrySet()) {
            writer.ascii(field.getKey(), field.getValue());
        }
        return Arrays.copyOf(out, writer.finish());
    }

    int mti() {
        return mti;
    }

    String get(int de) {
        return fields.get(de);
    }

    boolean has(int de) {
        return fields.containsKey(de);
    }

    void set(int de, String value) {
        fields.put(de, value);
    }

    /** The value of DE 48 tag {@code tag} (profile §5: 2-digit tag, 2-digit length), or null. */
    String tag(int tag) {
        String tlv = fields.get(48);
        if (tlv == null) {
            return null;
        }
        for (int at = 0; at + 4 <= tlv.length(); ) {
            int t = twoDigits(tlv, at);
            int len = twoDigits(tlv, at + 2);
            if (t < 0 || len < 0) {
                return null;
            }
            if (t == tag) {
                return tlv.substring(at + 4, Math.min(tlv.length(), at + 4 + len));
            }
            at += 4 + len;
        }
        return null;
    }

    /** Replaces the value of DE 48 tag {@code tag} with one of the same length; false when absent. */
    boolean replaceTag(int tag, String value) {
        String tlv = fields.get(48);
        if (tlv == null) {
            return false;
        }
        for (int at = 0; at + 4 <= tlv.length(); ) {
            int t = twoDigits(tlv, at);
            int len = twoDigits(tlv, at + 2);
            if (t < 0 || len < 0) {
                return false;
            }
            if (t == tag && len == value.length()) {
                fields.put(48, tlv.substring(0, at + 4) + value + tlv.substring(at + 4 + len));
                return true;
            }
            at += 4 + len;
        }
        return false;
    }

    /** The two digits at {@code at} as a number, -1 when they are not digits. */
    private static int twoDigits(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }
}
