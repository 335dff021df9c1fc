package io.tatekae.iso;

import io.tatekae.spec.ProfileSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Test helper: the tatekae codec driven from/to a map of field values. */
final class OurCodec {
    static final ProfileSpec SPEC = ProfileSpec.load();

    private final IsoDecoder decoder = new IsoDecoder(SPEC);
    private final IsoWriter writer = new IsoWriter(SPEC);

    byte[] encode(int mti, SortedMap<Integer, String> fields) {
        byte[] out = new byte[4096];
        writer.begin(out, 0, mti);
        for (Map.Entry<Integer, String> f : fields.entrySet()) {
            byte[] value = f.getValue().getBytes(StandardCharsets.US_ASCII);
            writer.bytes(f.getKey(), value, 0, value.length);
        }
        return Arrays.copyOf(out, writer.finish());
    }

    /** Decodes strictly; MTI in key 0, then every present field's value. */
    SortedMap<Integer, String> decode(byte[] frame) {
        IsoFields fields = new IsoFields();
        FormatError error = decoder.decode(frame, 0, frame.length, fields);
        if (error != FormatError.NONE) {
            throw new AssertionError("our decoder refused the frame: " + error + " at DE " + fields.errorField());
        }
        return toMap(fields);
    }

    static SortedMap<Integer, String> toMap(IsoFields fields) {
        SortedMap<Integer, String> map = new TreeMap<>();
        map.put(0, Integer.toString(fields.mti()));
        for (int de = 1; de <= IsoFields.MAX_FIELD; de++) {
            if (fields.has(de)) {
                map.put(de, fields.valueString(de));
            }
        }
        return map;
    }
}
