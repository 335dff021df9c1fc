package io.tatekae.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Waits until a server has worked off what an overloaded phase left queued in it, so that the next
 * phase (or settle step) does not queue behind it: 0800 echo tests one at a time, until one is
 * answered within {@link #IDLE_NANOS}.
 */
final class IdleProbe {
    /** An echo test answered this fast means nothing is queued in front of it. */
    static final long IDLE_NANOS = 50_000_000L;
    private static final long PAUSE_MILLIS = 100;
    private static final int FIRST_STAN = 970_000;

    private IdleProbe() {
    }

    /** Returns how long the server took to become idle, in milliseconds (at most {@code maxMillis}; -1: it never did). */
    static long await(FrameCodec codec, String host, int port, long maxMillis) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxMillis * 1_000_000L;
        try (Socket c = new Socket(host, port)) {
            c.setSoTimeout((int) Math.min(Integer.MAX_VALUE, maxMillis));
            c.setTcpNoDelay(true);
            OutputStream out = c.getOutputStream();
            DataInputStream in = new DataInputStream(c.getInputStream());
            exchange(out, in, SignOn.frame(codec, de7(), FIRST_STAN));
            for (int i = 1; System.nanoTime() < deadline; i++) {
                long sent = System.nanoTime();
                exchange(out, in, SignOn.echo(codec, de7(), FIRST_STAN + i % 10_000));
                if (System.nanoTime() - sent <= IDLE_NANOS) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        return -1;
    }

    private static void exchange(OutputStream out, DataInputStream in, byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        byte[] head = new byte[FrameCodec.HEADER_BYTES];
        in.readFully(head);
        in.readFully(new byte[(head[0] & 0xFF) << 8 | (head[1] & 0xFF)]);
    }

    private static long de7() {
        return LoadRun.de7(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
