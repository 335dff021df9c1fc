package io.tatekae.bench.load;

import java.util.TreeMap;

/** The network management messages the tester sends outside the measured traffic. */
final class SignOn {
    private SignOn() {
    }

    /** A framed 0800 sign-on (DE 70 001). */
    static byte[] frame(FrameCodec codec, long de7, int stan) {
        return networkManagement(codec, de7, stan, "001");
    }

    /** A framed 0800 echo test (DE 70 301). */
    static byte[] echo(FrameCodec codec, long de7, int stan) {
        return networkManagement(codec, de7, stan, "301");
    }

    private static byte[] networkManagement(FrameCodec codec, long de7, int stan, String code) {
        TreeMap<Integer, String> m = new TreeMap<>();
        m.put(7, String.format("%010d", de7));
        m.put(11, String.format("%06d", stan));
        m.put(70, code);
        return codec.encode("0800", m).frame();
    }
}
