package io.tatekae.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Before a session: uses up the velocity card's allowance one request at a time, so that the mix's
 * velocity declines are known to be 65 (an earlier session may already have done it: 00 or 65 are
 * both fine), then reverses those approvals: the velocity count stays, and no hold of the tester's
 * stays open on the server.
 */
final class Primer {
    private static final int FIRST_STAN = 990_000;
    private static final int FIRST_REVERSAL_STAN = 980_000;
    private static final int OK = FrameCodec.code("00");
    /** The first exchanges with a server that has just started (cold code, page faults) may take long. */
    private static final long MIN_TIMEOUT_NANOS = 10_000_000_000L;

    private Primer() {
    }

    static void prime(FrameCodec codec, String host, int port, FrameCodec.Template approval, LoadCard card, int velocity,
                      boolean any, long timeoutNanos) throws IOException {
        try (Socket c = new Socket(host, port)) {
            c.setSoTimeout((int) (Math.max(MIN_TIMEOUT_NANOS, timeoutNanos) / 1_000_000));
            long de7 = LoadRun.de7(ZonedDateTime.now(ZoneOffset.UTC));
            exchange(c, codec, SignOn.frame(codec, de7, FIRST_STAN - 1), any, "0800 sign-on", 810, "00");
            for (int i = 0; i < velocity; i++) {
                byte[] f = approval.frame().clone();
                FrameCodec.writeDigits(f, approval.de7Offset(), 10, de7);
                FrameCodec.writeDigits(f, approval.de11Offset(), 6, FIRST_STAN + i);
                int code = exchange(c, codec, f, any, "velocity primer " + (i + 1), 110, "00", "65");
                if (code == OK && !any) {
                    FrameCodec.Template reversal = codec.encode("0400", Recipe.reversalFields(card, 100, "0100"));
                    byte[] r = reversal.frame().clone();
                    FrameCodec.writeDigits(r, reversal.de7Offset(), 10, de7);
                    FrameCodec.writeDigits(r, reversal.de11Offset(), 6, FIRST_REVERSAL_STAN + i);
                    RequestTemplates.original(reversal, r, 100, FIRST_STAN + i, de7);
                    exchange(c, codec, r, false, "reversal of velocity primer " + (i + 1), 410, "00");
                }
            }
        }
    }

    /** Sends one frame and reads its answer; returns its DE 39 (packed), which must be one of {@code codes}. */
    private static int exchange(Socket c, FrameCodec codec, byte[] frame, boolean any, String what, int mti,
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
        FrameCodec.Scan scan = new FrameCodec.Scan();
        boolean parsed = codec.scan(body, 0, body.length, scan);
        if (any) {
            return scan.de39;
        }
        if (!parsed || scan.mti != mti) {
            throw new IOException(what + ": the answer is not a " + mti + " under the profile");
        }
        for (String code : codes) {
            if (scan.de39 == FrameCodec.code(code)) {
                return scan.de39;
            }
        }
        throw new IOException(what + ": answered DE 39 " + FrameCodec.codeText(scan.de39) + ", expected " + String.join(" or ", codes));
    }
}
