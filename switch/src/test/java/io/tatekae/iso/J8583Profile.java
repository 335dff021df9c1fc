package io.tatekae.iso;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;
import com.solab.iso8583.IsoValue;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.ConfigParser;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** j8583 configured by hand from the profile text (test resource j8583/profile-j8583.xml). */
final class J8583Profile {
    private static final Map<Integer, IsoType> TYPES = Map.ofEntries(
            Map.entry(2, IsoType.LLVAR), Map.entry(3, IsoType.NUMERIC), Map.entry(4, IsoType.NUMERIC),
            Map.entry(7, IsoType.NUMERIC), Map.entry(11, IsoType.NUMERIC), Map.entry(12, IsoType.NUMERIC),
            Map.entry(13, IsoType.NUMERIC), Map.entry(14, IsoType.NUMERIC), Map.entry(18, IsoType.NUMERIC),
            Map.entry(19, IsoType.NUMERIC), Map.entry(22, IsoType.NUMERIC), Map.entry(25, IsoType.NUMERIC),
            Map.entry(32, IsoType.LLVAR), Map.entry(33, IsoType.LLVAR), Map.entry(37, IsoType.ALPHA),
            Map.entry(38, IsoType.ALPHA), Map.entry(39, IsoType.ALPHA), Map.entry(41, IsoType.ALPHA),
            Map.entry(42, IsoType.ALPHA), Map.entry(43, IsoType.ALPHA), Map.entry(48, IsoType.LLLVAR),
            Map.entry(49, IsoType.NUMERIC), Map.entry(54, IsoType.LLLVAR), Map.entry(61, IsoType.LLLVAR),
            Map.entry(70, IsoType.NUMERIC), Map.entry(90, IsoType.NUMERIC), Map.entry(95, IsoType.ALPHA));

    private final MessageFactory<IsoMessage> factory;

    J8583Profile() {
        try {
            factory = ConfigParser.createFromClasspathConfig("j8583/profile-j8583.xml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        factory.setUseBinaryBitmap(true);
        factory.setCharacterEncoding("US-ASCII");
    }

    byte[] encode(int mti, SortedMap<Integer, String> fields) {
        IsoMessage message = factory.newMessage(Integer.parseInt(Integer.toString(mti), 16));
        message.setBinaryBitmap(true);
        for (Map.Entry<Integer, String> f : fields.entrySet()) {
            IsoType type = TYPES.get(f.getKey());
            String value = f.getValue();
            message.setValue(f.getKey(), value, type, type.needsLength() ? value.length() : 0);
        }
        return message.writeData();
    }

    /** MTI (as 100 for 0100) in key 0, then every field's value as on the wire. */
    SortedMap<Integer, String> decode(byte[] frame) throws Exception {
        IsoMessage message = factory.parseMessage(frame, 0);
        SortedMap<Integer, String> fields = new TreeMap<>();
        fields.put(0, Integer.toHexString(message.getType()));
        for (int de = 2; de <= 128; de++) {
            IsoValue<Object> value = message.getField(de);
            if (value != null) {
                fields.put(de, value.toString());
            }
        }
        return fields;
    }
}
