package io.tatekae.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One open-loop run at a constant rate: request i is due at t0 + i/rate and is sent then (or as soon
 * as the sender can), round-robin over the connections, without waiting for answers; its latency
 * counts from the due time, so a stall in the server or in the network delays every request behind
 * it in the numbers too. A warm-up at the same rate comes first and is left out of the totals.
 */
final class LoadRun {
    /** What one run does. */
    record Settings(String label, String host, int port, int connections, double rate, int warmupSeconds,
                    int seconds, long timeoutNanos, boolean anyResponse) {
    }

    private static final int BATCH = 512;
    private static final int SHED = FrameCodec.code("91");
    private static final int OUT_BYTES = 1 << 18;
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    private final Settings s;
    private final Workload workload;
    private final ApprovedRing approved;
    private final FrameCodec codec;
    private final PrintStream out;
    private final RunStats stats = new RunStats();
    private final PendingTable pending = new PendingTable();
    private final List<Link> links = new ArrayList<>();
    private final byte[] frame = new byte[FrameCodec.HEADER_BYTES + FrameCodec.MAX_MESSAGE_BYTES];
    private final PendingTable.Taken swept = new PendingTable.Taken();
    private volatile boolean closing;
    private volatile long lastMeasured;
    private long t0;
    private long wallT0Millis;
    private long warmupRequests;
    private long cachedSecond = Long.MIN_VALUE;
    private long cachedDe7;

    LoadRun(Settings s, Workload workload, ApprovedRing approved, FrameCodec codec, PrintStream out) {
        this.s = s;
        this.workload = workload;
        this.approved = approved;
        this.codec = codec;
        this.out = out;
    }

    RunResult run() throws IOException, InterruptedException {
        try {
            for (int c = 0; c < s.connections(); c++) {
                Link link = new Link(c);
                links.add(link);
                link.signOn();
            }
            for (Link link : links) {
                link.reader.start();
            }
            long total = (long) Math.ceil(s.rate() * (s.warmupSeconds() + s.seconds()));
            warmupRequests = (long) Math.ceil(s.rate() * s.warmupSeconds());
            wallT0Millis = System.currentTimeMillis();
            t0 = System.nanoTime();
            send(total);
            drain();
        } finally {
            closing = true;
            for (Link link : links) {
                link.close();
            }
        }
        return new RunResult(s, stats, lastMeasuredResponseSeconds(), workload.substitutedReversals);
    }

    private double lastMeasuredResponseSeconds() {
        return Math.max(s.seconds(), (lastMeasured - (t0 + (long) (s.warmupSeconds() * 1e9))) / 1e9);
    }

    private long dueOf(long request) {
        return t0 + (long) (request * 1e9 / s.rate());
    }

    private void send(long total) throws IOException {
        long next = 0;
        long nextProgress = t0 + PROGRESS_NANOS;
        int second = 0;
        while (next < total) {
            long now = System.nanoTime();
            if (now >= nextProgress) {
                progress(second++, nextProgress);
                nextProgress += PROGRESS_NANOS;
            }
            long due = dueOf(next);
            if (due > now) {
                sweep(now);
                LockSupport.parkNanos(Math.min(due - now, nextProgress - now));
                continue;
            }
            for (int b = 0; b < BATCH && next < total && dueOf(next) <= now; b++) {
                prepare(next++, now);
            }
            for (Link link : links) {
                link.flush();
            }
        }
        while (System.nanoTime() < nextProgress) {
            LockSupport.parkNanos(nextProgress - System.nanoTime());
        }
        progress(second, nextProgress);
    }

    private void prepare(long request, long now) {
        long due = dueOf(request);
        int stan = (int) (request % PendingTable.STANS);
        long de7 = de7Of(due);
        int length = workload.build(request, de7, stan, frame);
        boolean measuredRequest = request >= warmupRequests;
        pending.add(request, stan, due, de7, workload.expectedCode, workload.expectedMti, workload.kind, workload.card);
        links.get((int) (request % links.size())).append(frame, length);
        stats.sent.incrementAndGet();
        if (measuredRequest) {
            stats.sendLag.recordValue(Math.max(0, now - due));
        }
    }

    /** DE 7 (MMDDhhmmss, GMT) of the second the request is due in. */
    private long de7Of(long due) {
        long wallSecond = (wallT0Millis + (due - t0) / 1_000_000) / 1000;
        if (wallSecond != cachedSecond) {
            ZonedDateTime t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(wallSecond), ZoneOffset.UTC);
            cachedDe7 = t.getMonthValue() * 100_000_000L + t.getDayOfMonth() * 1_000_000L
                    + t.getHour() * 10_000L + t.getMinute() * 100L + t.getSecond();
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
            if (swept.seq >= warmupRequests) {
                stats.measured.recordValue(s.timeoutNanos());
            }
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
        stats.closeSecond(-1, false);
    }

    private void progress(int second, long at) {
        boolean warmup = at - t0 <= s.warmupSeconds() * 1_000_000_000L;
        RunStats.Second l = stats.closeSecond(second, warmup);
        out.printf("%-8s %s %3d s  sent %7d/s  answered %7d/s  errors %5d  p50 %9.1f us  p99 %9.1f us  p99.9 %9.1f us  max %9.1f us%n",
                s.label(), warmup ? "warm-up" : "measure", second + 1, l.sent(), l.responses(), l.errors(),
                l.p50(), l.p99(), l.p999(), l.max());
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
            stats.sample("a response matching no request sent: MTI "
                    + scan.mti + " STAN " + scan.de11);
            return;
        }
        long latency = Math.max(0, now - t.due);
        stats.responses.incrementAndGet();
        stats.interval.recordValue(latency);
        if (t.seq >= warmupRequests) {
            stats.measured.recordValue(latency);
            stats.measuredResponses.incrementAndGet();
            lastMeasured = now;
        }
        boolean right = s.anyResponse()
                || (scan.mti == t.expectedMti && scan.de39 == t.expected && (scan.de32 < 0 || scan.de32 == Workload.ACQUIRER_ID));
        if (!right && scan.mti == t.expectedMti && scan.de39 == SHED) {
            stats.shed.incrementAndGet();
            if (stats.shed.get() <= 3) {
                stats.sample("answered 91 (overloaded / unavailable) to request " + t.seq + " (" + t.kind + ")");
            }
        } else if (!right) {
            stats.wrong.incrementAndGet();
            stats.sample("wrong answer to request " + t.seq + " (" + t.kind + "): MTI " + scan.mti + " DE 39 "
                    + FrameCodec.codeText(scan.de39) + ", expected MTI " + String.format("%04d", t.expectedMti)
                    + " DE 39 " + FrameCodec.codeText(t.expected));
        } else if (t.kind == Mix.Kind.APPROVAL) {
            approved.offer(t.stan, t.de7, t.card);
        }
    }

    /** One connection: the sender's buffer and its reader thread. */
    private final class Link {
        private final SocketChannel channel;
        private final ByteBuffer outBuf = ByteBuffer.allocateDirect(OUT_BYTES);
        final Thread reader;

        Link(int index) throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(s.host(), s.port()));
            reader = new Thread(this::readLoop, "load-reader-" + s.label() + "-" + index);
            reader.setDaemon(true);
        }

        void signOn() throws IOException {
            long de7 = de7Now();
            byte[] req = SignOn.frame(codec, de7, 999_999 - links.indexOf(this));
            channel.write(ByteBuffer.wrap(req));
            ByteBuffer head = ByteBuffer.allocate(4);
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

        void append(byte[] f, int length) {
            if (outBuf.remaining() < length) {
                flush();
            }
            outBuf.put(f, 0, length);
        }

        void flush() {
            outBuf.flip();
            try {
                while (outBuf.hasRemaining()) {
                    channel.write(outBuf);
                }
            } catch (IOException e) {
                if (!closing) {
                    stats.connectionErrors.incrementAndGet();
                    stats.sample("write failed: " + e.getMessage());
                }
            }
            outBuf.clear();
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
                    while (limit - pos >= 4) {
                        int len = (a[pos] & 0xFF) << 8 | (a[pos + 1] & 0xFF);
                        if (limit - pos - 4 < len) {
                            break;
                        }
                        if (len > 0) {
                            onResponse(a, pos + 4, len, now, scan, taken);
                        }
                        pos += 4 + len;
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

    static long de7Now() {
        ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC);
        return t.getMonthValue() * 100_000_000L + t.getDayOfMonth() * 1_000_000L
                + t.getHour() * 10_000L + t.getMinute() * 100L + t.getSecond();
    }
}
