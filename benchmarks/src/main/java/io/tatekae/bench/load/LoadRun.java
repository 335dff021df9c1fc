package io.tatekae.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * One open-loop run at a constant rate: request i is due at t0 + i/rate and is written, on its own
 * and at once, the moment it is due (or as soon as the sender can), round-robin over the
 * connections, without waiting for answers; its latency counts from the due time, so a stall in
 * the server, the network or the tester itself delays every request behind it in the numbers too.
 */
final class LoadRun {
    /**
     * What one run does: {@code requests} requests at {@code rate} per second; their STANs count on
     * from {@code stanBase} (modulo 1,000,000), so that runs of one session never reuse a DE 7 + DE 11.
     * A {@code window} above 0 also holds back a request while that many are unanswered (not for
     * measuring: the settle step uses it so as never to overload a server); 0 is the open loop.
     */
    record Settings(String label, String phase, String host, int port, int connections, double rate, long requests,
                    long timeoutNanos, boolean anyResponse, long stanBase, int window) {
        double seconds() {
            return requests / rate;
        }
    }

    private static final int SHED = FrameCodec.code("91");
    private static final long PROGRESS_NANOS = 1_000_000_000L;
    private static final long SWEEP_NANOS = 1_000_000L;
    private static final long WINDOW_PAUSE_NANOS = 50_000L;

    private final Settings s;
    private final RequestSource source;
    private final OpenHolds holds;
    private final FrameCodec codec;
    private final PendingTable pending;
    private final PrintStream out;
    private final RunStats stats = new RunStats();
    private final List<Link> links = new ArrayList<>();
    private final byte[] frame = new byte[FrameCodec.HEADER_BYTES + FrameCodec.MAX_MESSAGE_BYTES];
    private final RequestSource.Built built = new RequestSource.Built();
    private final PendingTable.Taken swept = new PendingTable.Taken();
    private LongConsumer beforeSend = i -> { };
    private volatile boolean closing;
    private volatile long lastResponse;
    private long t0;
    private long wallT0Millis;
    private long cachedSecond = Long.MIN_VALUE;
    private long cachedDe7;

    LoadRun(Settings s, RequestSource source, OpenHolds holds, FrameCodec codec, PendingTable pending, PrintStream out) {
        this.s = s;
        this.source = source;
        this.holds = holds;
        this.codec = codec;
        this.pending = pending;
        this.out = out;
    }

    /** Tests: runs before request i is built and sent (to stall the sender, as a pause of the tester's own would). */
    LoadRun beforeSend(LongConsumer hook) {
        this.beforeSend = hook;
        return this;
    }

    RunResult run() throws IOException {
        pending.reset(s.stanBase());
        try {
            for (int c = 0; c < s.connections(); c++) {
                Link link = new Link(c);
                links.add(link);
                link.signOn();
            }
            for (Link link : links) {
                link.reader.start();
            }
            wallT0Millis = System.currentTimeMillis();
            t0 = System.nanoTime();
            send();
            drain();
        } finally {
            closing = true;
            for (Link link : links) {
                link.close();
            }
        }
        double seconds = Math.max(s.seconds(), (lastResponse - t0) / 1e9);
        return new RunResult(s, stats, seconds);
    }

    private long dueOf(long request) {
        return t0 + (long) (request * 1e9 / s.rate());
    }

    private void send() {
        long next = 0;
        long nextProgress = t0 + PROGRESS_NANOS;
        long nextSweep = t0;
        int second = 0;
        while (next < s.requests()) {
            long now = System.nanoTime();
            if (now >= nextProgress) {
                progress(second++);
                nextProgress += PROGRESS_NANOS;
            }
            if (now >= nextSweep) {
                sweep(now);
                nextSweep = now + SWEEP_NANOS;
            }
            if (s.window() > 0 && pending.pending() >= s.window()) {
                LockSupport.parkNanos(WINDOW_PAUSE_NANOS);
                continue;
            }
            long due = dueOf(next);
            if (due > now) {
                LockSupport.parkNanos(Math.min(due - now, nextProgress - now));
                continue;
            }
            beforeSend.accept(next);
            sendOne(next++, due);
        }
        while (System.nanoTime() < nextProgress) {
            LockSupport.parkNanos(nextProgress - System.nanoTime());
        }
        progress(second);
    }

    /** Builds request {@code i}, notes it as pending and writes it on its connection by itself. */
    private void sendOne(long i, long due) {
        int stan = (int) ((s.stanBase() + i) % PendingTable.STANS);
        long de7 = de7Of(due);
        int length = source.build(i, de7, stan, frame, built);
        pending.add(i, stan, due, de7, built.expectedCode, built.expectedMti, built.kind, built.card);
        stats.sent.incrementAndGet();
        stats.sendLag.recordValue(Math.max(0, System.nanoTime() - due));
        links.get((int) (i % links.size())).write(frame, length);
    }

    /** DE 7 (MMDDhhmmss, GMT) of the second the request is due in. */
    private long de7Of(long due) {
        long wallSecond = (wallT0Millis + (due - t0) / 1_000_000) / 1000;
        if (wallSecond != cachedSecond) {
            cachedDe7 = de7(ZonedDateTime.ofInstant(Instant.ofEpochSecond(wallSecond), ZoneOffset.UTC));
            cachedSecond = wallSecond;
        }
        return cachedDe7;
    }

    private void sweep(long now) {
        while (pending.timeOutOldest(now, s.timeoutNanos(), swept)) {
            stats.timeouts.incrementAndGet();
            if (stats.timeouts.get() <= 5) {
                stats.sample("timeout: request " + swept.seq + " (" + swept.kind + ", STAN " + swept.stan
                        + ") had no answer after " + s.timeoutNanos() / 1_000_000 + " ms");
            }
            stats.interval.recordValue(s.timeoutNanos());
            if (swept.kind == Mix.Kind.APPROVAL || swept.kind == Mix.Kind.ADVICE) {
                holds.uncertain(swept.stan, swept.de7, swept.card, swept.expectedMti - 10);
            }
            source.unanswered(swept.seq);
        }
    }

    /** After the last request: waits for every answer or its timeout. */
    private void drain() {
        long until = System.nanoTime() + s.timeoutNanos() + 200_000_000L;
        while (pending.pending() > 0 && System.nanoTime() < until) {
            sweep(System.nanoTime());
            LockSupport.parkNanos(1_000_000);
        }
        sweep(Long.MAX_VALUE / 2);
        stats.closeSecond(-1);
    }

    private void progress(int second) {
        RunStats.Second l = stats.closeSecond(second);
        out.printf("%-8s %-8s %3d s  sent %7d/s  answered %7d/s  errors %5d  p50 %9.1f us  p99 %9.1f us  p99.9 %9.1f us  max %9.1f us%n",
                s.label(), s.phase(), second + 1, l.sent(), l.responses(), l.errors(), l.p50(), l.p99(), l.p999(), l.max());
    }

    private void onResponse(byte[] buf, int off, int len, long now, FrameCodec.Scan scan, PendingTable.Taken t) {
        if (!codec.scan(buf, off, len, scan) || scan.de11 < 0 || scan.de7 < 0) {
            stats.malformed.incrementAndGet();
            stats.sample("a response that does not parse under the profile (" + len + " bytes)");
            return;
        }
        PendingTable.Match match = pending.take(scan.de7, scan.de11, t);
        if (match == PendingTable.Match.LATE) {
            stats.late.incrementAndGet();
            return;
        }
        if (match == PendingTable.Match.UNKNOWN) {
            stats.unmatched.incrementAndGet();
            stats.sample("a response matching no request sent: MTI " + scan.mti + " STAN " + scan.de11);
            return;
        }
        stats.responses.incrementAndGet();
        stats.interval.recordValue(Math.max(0, now - t.due));
        lastResponse = now;
        boolean right = s.anyResponse() || (scan.mti == t.expectedMti && scan.de39 == t.expected
                && (scan.de32 < 0 || scan.de32 == Recipe.ACQUIRER_ID));
        if (!right && scan.mti == t.expectedMti && scan.de39 == SHED) {
            stats.shed.incrementAndGet();
            if (stats.shed.get() <= 3) {
                stats.sample("answered 91 (overloaded / unavailable) to request " + t.seq + " (" + t.kind + ")");
            }
            source.unanswered(t.seq);
        } else if (!right) {
            stats.wrong.incrementAndGet();
            stats.sample("wrong answer to request " + t.seq + " (" + t.kind + "): MTI " + scan.mti + " DE 39 "
                    + FrameCodec.codeText(scan.de39) + ", expected MTI " + String.format("%04d", t.expectedMti)
                    + " DE 39 " + FrameCodec.codeText(t.expected));
        } else if (t.kind == Mix.Kind.APPROVAL || t.kind == Mix.Kind.ADVICE) {
            holds.answered(t.stan, t.de7, t.card, t.expectedMti - 10);
        }
    }

    /** One connection: its reader thread, and the sender's writes. */
    private final class Link {
        private final SocketChannel channel;
        private final ByteBuffer outBuf = ByteBuffer.allocateDirect(FrameCodec.HEADER_BYTES + FrameCodec.MAX_MESSAGE_BYTES);
        final Thread reader;

        Link(int index) throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(s.host(), s.port()));
            reader = new Thread(this::readLoop, "load-reader-" + s.label() + "-" + index);
            reader.setDaemon(true);
        }

        void signOn() throws IOException {
            byte[] req = SignOn.frame(codec, de7(ZonedDateTime.now(ZoneOffset.UTC)), 999_999 - links.indexOf(this));
            channel.write(ByteBuffer.wrap(req));
            ByteBuffer head = ByteBuffer.allocate(FrameCodec.HEADER_BYTES);
            readFully(head);
            int len = (head.get(0) & 0xFF) << 8 | (head.get(1) & 0xFF);
            ByteBuffer body = ByteBuffer.allocate(len);
            readFully(body);
            FrameCodec.Scan scan = new FrameCodec.Scan();
            boolean ok = codec.scan(body.array(), 0, len, scan) && (s.anyResponse() || scan.mti == 810 && scan.de39 == FrameCodec.code("00"));
            if (!ok) {
                throw new IOException("sign-on to " + s.host() + ":" + s.port() + " was not answered 0810/00 (MTI "
                        + scan.mti + ", DE 39 " + FrameCodec.codeText(scan.de39) + ")");
            }
        }

        private void readFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new IOException(s.host() + ":" + s.port() + " closed the connection during sign-on");
                }
            }
        }

        /** Writes one request: no other request shares its write() call (TCP_NODELAY sends it at once). */
        void write(byte[] f, int length) {
            outBuf.clear();
            outBuf.put(f, 0, length).flip();
            try {
                while (outBuf.hasRemaining()) {
                    channel.write(outBuf);
                    stats.writeCalls.incrementAndGet();
                }
            } catch (IOException e) {
                if (!closing) {
                    stats.connectionErrors.incrementAndGet();
                    stats.sample("write failed: " + e.getMessage());
                }
            }
        }

        private void readLoop() {
            ByteBuffer in = ByteBuffer.allocate(1 << 17);
            FrameCodec.Scan scan = new FrameCodec.Scan();
            PendingTable.Taken taken = new PendingTable.Taken();
            byte[] a = in.array();
            try {
                while (true) {
                    if (channel.read(in) < 0) {
                        if (!closing) {
                            stats.connectionErrors.incrementAndGet();
                            stats.sample("the server closed a connection during the run");
                        }
                        return;
                    }
                    long now = System.nanoTime();
                    int pos = 0;
                    int limit = in.position();
                    while (limit - pos >= FrameCodec.HEADER_BYTES) {
                        int len = (a[pos] & 0xFF) << 8 | (a[pos + 1] & 0xFF);
                        if (limit - pos - FrameCodec.HEADER_BYTES < len) {
                            break;
                        }
                        if (len > 0) {
                            onResponse(a, pos + FrameCodec.HEADER_BYTES, len, now, scan, taken);
                        }
                        pos += FrameCodec.HEADER_BYTES + len;
                    }
                    in.position(pos).limit(limit);
                    in.compact();
                }
            } catch (IOException e) {
                if (!closing) {
                    stats.connectionErrors.incrementAndGet();
                    stats.sample("read failed: " + e.getMessage());
                }
            }
        }

        void close() throws IOException {
            channel.close();
        }
    }

    /** DE 7 (MMDDhhmmss) of {@code t}. */
    static long de7(ZonedDateTime t) {
        return t.getMonthValue() * 100_000_000L + t.getDayOfMonth() * 1_000_000L
                + t.getHour() * 10_000L + t.getMinute() * 100L + t.getSecond();
    }
}
