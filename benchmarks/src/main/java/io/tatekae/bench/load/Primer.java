package io.tatekae.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * Before a run: uses up the velocity card's allowance one request at a time, so that the mix's
 * velocity declines are known to be 65. An earlier run may already have done it: 00 or 65 are both fine.
 */
final class Primer {
    private static final int FIRST_STAN = 990_000;

    private Primer() {
    }

    static void prime(FrameCodec codec, String host, int port, List<FrameCodec.Template> primers, boolean any,
                      long timeoutNanos) throws IOException {
        try (Socket c = new Socket(host, port)) {
            c.setSoTimeout((int) Math.max(1, timeoutNanos / 1_000_000));
            long de7 = LoadRun.de7Now();
            exchange(c, codec, SignOn.frame(codec, de7, FIRST_STAN - 1), any, "0800 sign-on", 810, "00");
            for (int i = 0; i < primers.size(); i++) {
                FrameCodec.Template t = primers.get(i);
                byte[] f = t.frame().clone();
                FrameCodec.writeDigits(f, t.de7Offset(), 10, de7);
                FrameCodec.writeDigits(f, t.de11Offset(), 6, FIRST_STAN + i);
                exchange(c, codec, f, any, "velocity primer " + (i + 1), 110, "00", "65");
            }
        }
    }

    private static void exchange(Socket c, FrameCodec codec, byte[] frame, boolean any, String what, int mti,
                                 String... codes) throws IOException {
        c.getOutputStream().write(frame);
        c.getOutputStream().flush();
        DataInputStream in = new DataInputStream(c.getInputStream());
        byte[] head = new byte[FrameCodec.HEADER_BYTES];
        byte[] body;
        try {
            in.readFully(head);
            body = new byte[(head[0] & 0xFF) << 8 | (head[1] & 0xFF)];
            in.readFully(body);
        } catch (SocketTimeoutException e) {
            throw new IOException(what + ": no answer from " + c.getRemoteSocketAddress() + " within "
                    + c.getSoTimeout() + " ms");
        }
        if (any) {
            return;
        }
        int len = body.length;
        FrameCodec.Scan scan = new FrameCodec.Scan();
        if (!codec.scan(body, 0, len, scan) || scan.mti != mti) {
            throw new IOException(what + ": the answer is not a " + mti + " under the profile");
        }
        for (String code : codes) {
            if (scan.de39 == FrameCodec.code(code)) {
                return;
            }
        }
        throw new IOException(what + ": answered DE 39 " + FrameCodec.codeText(scan.de39) + ", expected " + String.join(" or ", codes));
    }
}
