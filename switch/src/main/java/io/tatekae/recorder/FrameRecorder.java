package io.tatekae.recorder;

import io.tatekae.net.FrameTap;
import io.tatekae.spec.ProfileSpec;

import io.netty.buffer.ByteBuf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic recorder: the I/O thread copies each message, removes its CAV2 and queues it; a
 * background thread appends the queue to the recording file. When the queue is full the entry is
 * dropped and counted, so recording never holds up the I/O thread (and the decision thread never
 * sees it: responses are taken on the I/O side, see {@code OutboundTap}).
 */
public final class FrameRecorder implements FrameTap, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FrameRecorder.class.getName());
    public static final int DEFAULT_QUEUE_ENTRIES = 65_536;

    private final String file;
    private final InstantSource clock;
    private final Cav2Scrubber scrubber;
    private final ArrayBlockingQueue<byte[]> queue;
    private final OutputStream out;
    private final Thread writer;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private volatile boolean running = true;
    private volatile IOException failure;

    public FrameRecorder(Path file, ProfileSpec spec, InstantSource clock, int queueEntries) throws IOException {
        this(open(file), file.toString(), spec, clock, queueEntries);
    }

    /** Records to {@code out}, which already holds the magic bytes (tests give a stream of their own). */
    FrameRecorder(OutputStream out, String name, ProfileSpec spec, InstantSource clock, int queueEntries) {
        this.file = name;
        this.out = out;
        this.clock = clock;
        this.scrubber = new Cav2Scrubber(spec);
        this.queue = new ArrayBlockingQueue<>(queueEntries);
        writer = new Thread(this::writeLoop, "tatekae-recorder");
        writer.setDaemon(true);
        writer.start();
        LOG.log(System.Logger.Level.WARNING, () -> "recording traffic to " + name + " (demo/test only: the file holds card numbers)");
    }

    /** Opens the file for appending; a new or empty file gets the magic bytes first. */
    private static OutputStream open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
        if (fresh) {
            out.write(RecordingFormat.MAGIC);
        }
        return out;
    }

    @Override
    public void inbound(long connectionId, ByteBuf buf, int index, int length) {
        capture(RecordingFormat.INBOUND, connectionId, buf, index, length);
    }

    @Override
    public void outbound(long connectionId, ByteBuf buf, int index, int length) {
        capture(RecordingFormat.OUTBOUND, connectionId, buf, index, length);
    }

    private void capture(byte direction, long connectionId, ByteBuf buf, int index, int length) {
        if (!running) {
            return;
        }
        byte[] entry = new byte[RecordingFormat.ENTRY_HEADER_BYTES + length];
        ByteBuffer.wrap(entry).put(direction).putLong(epochMicros()).putLong(connectionId).putShort((short) length);
        buf.getBytes(index, entry, RecordingFormat.ENTRY_HEADER_BYTES, length);
        synchronized (scrubber) {
            scrubber.scrub(entry, RecordingFormat.ENTRY_HEADER_BYTES, length);
        }
        if (!queue.offer(entry)) {
            dropped.increment();
        }
    }

    private long epochMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private void writeLoop() {
        try {
            while (running || !queue.isEmpty()) {
                byte[] entry = queue.poll(100, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    out.flush();
                    continue;
                }
                out.write(entry);
                written.increment();
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            failure = e;
            running = false;
            LOG.log(System.Logger.Level.ERROR, () -> "recording to " + file + " stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Entries not recorded because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Entries appended to the file so far. */
    public long written() {
        return written.sum();
    }

    /** The write error that stopped recording, or null. */
    public IOException failure() {
        return failure;
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "closing the recording " + file + ": " + e.getMessage());
        }
        long lost = dropped();
        if (lost > 0) {
            LOG.log(System.Logger.Level.WARNING, () -> "the recording " + file + " misses " + lost + " messages (queue full)");
        }
    }
}
