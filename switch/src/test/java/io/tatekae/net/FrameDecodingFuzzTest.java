package io.tatekae.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tatekae.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any byte stream through the real {@link FrameHandler} (in an EmbeddedChannel), delivered in
 * chunks of a size the input picks, checked against a straightforward model of profile §1 framing:
 * every complete frame reaches the ring (or the rejector) byte for byte and in order, every
 * keep-alive is echoed, a bad header or an oversize length closes the connection and is counted,
 * and nothing else closes it. No exception may escape.
 *
 * <p>The first input byte chooses the delivery: its low 4 bits the chunk size (0 = all at once),
 * bits 4-5 the ring's behaviour (takes everything / always full / takes 3 and never frees them, so
 * the in-flight cap answers the rest). Normal test runs execute the seeds in
 * {@code FrameDecodingFuzzTestInputs/}; {@code scripts/fuzz} fuzzes for real.
 */
class FrameDecodingFuzzTest {
    private static final Logger QUIET = Logger.getLogger(FrameHandler.class.getName());
    private static final int HELD_IN_FLIGHT = 3;

    static {
        QUIET.setLevel(Level.OFF); // every violation logs a warning; millions of them slow fuzzing
    }

    enum RingMode { TAKES_ALL, FULL, HOLDS }

    /** What the model expects from the stream. */
    record Expected(List<byte[]> frames, List<byte[]> outbound, int keepAlives, String violation) { }

    /** Jazzer replays seeds from this resource folder; a renamed test or method would silently leave only the empty input. */
    @Test
    void seedCorpusIsWhereJazzerLooks() throws Exception {
        URL seeds = getClass().getResource("FrameDecodingFuzzTestInputs/frameAnyStream");
        assertNotNull(seeds, "seed folder");
        try (var files = Files.list(Path.of(seeds.toURI()))) {
            assertTrue(files.count() >= 28, "seed inputs");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void frameAnyStream(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = input[0] & 0x0F;
        RingMode mode = RingMode.values()[((input[0] & 0xFF) >>> 4) % 3];
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);

        NetStats stats = new NetStats();
        List<byte[]> toRing = new ArrayList<>();
        List<byte[]> toRejector = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = new Connection(1, channel);
        RequestSink sink = (c, in, length, nanos) -> {
            if (mode == RingMode.FULL) {
                return false;
            }
            toRing.add(ByteBufUtil.getBytes(in, in.readerIndex(), length));
            if (mode == RingMode.TAKES_ALL) {
                c.release();
            }
            return true;
        };
        Rejector rejector = (in, length, out) -> {
            toRejector.add(ByteBufUtil.getBytes(in, in.readerIndex(), length));
            if (length % 2 == 0) {
                return false; // stands for an unanswerable frame
            }
            out.writeBytes(rejection(length));
            return true;
        };
        ServerConfig limits = new ServerConfig("127.0.0.1", 0, 300, 5000, 64, HELD_IN_FLIGHT, 1024, 65536);
        channel.pipeline().addLast(new FrameHandler(connection, sink, rejector, limits, stats, () -> true));
        try {
            feed(channel, stream, chunk);
            List<byte[]> written = drainOutbound(channel);
            check(model(stream, mode), mode, stats, toRing, toRejector, written, channel.isOpen());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void feed(EmbeddedChannel channel, byte[] stream, int chunk) {
        int step = chunk == 0 ? Math.max(1, stream.length) : chunk;
        for (int at = 0; at < stream.length && channel.isOpen(); at += step) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(step, stream.length - at)));
        }
    }

    private static List<byte[]> drainOutbound(EmbeddedChannel channel) {
        List<byte[]> written = new ArrayList<>();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            written.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return written;
    }

    private static byte[] rejection(int length) {
        return new byte[] {'R', 'E', 'J', (byte) (length >>> 8), (byte) length};
    }

    /** The reference framing: sequential 4-byte headers, stop at the first violation or incomplete frame. */
    static Expected model(byte[] s, RingMode mode) {
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> outbound = new ArrayList<>();
        int keepAlives = 0;
        int taken = 0;
        int at = 0;
        while (s.length - at >= 4) {
            int length = ((s[at] & 0xFF) << 8) | (s[at + 1] & 0xFF);
            if (s[at + 2] != 0 || s[at + 3] != 0) {
                return new Expected(frames, outbound, keepAlives, "bad header");
            }
            if (length > Framing.MAX_MESSAGE_BYTES) {
                return new Expected(frames, outbound, keepAlives, "oversize");
            }
            if (length == 0) {
                keepAlives++;
                outbound.add(new byte[4]);
                at += 4;
                continue;
            }
            if (s.length - at - 4 < length) {
                break;
            }
            frames.add(Arrays.copyOfRange(s, at + 4, at + 4 + length));
            boolean ringTakes = mode == RingMode.TAKES_ALL || mode == RingMode.HOLDS && taken < HELD_IN_FLIGHT;
            if (ringTakes) {
                taken++;
            } else if (length % 2 != 0) {
                outbound.add(rejection(length));
            }
            at += 4 + length;
        }
        return new Expected(frames, outbound, keepAlives, null);
    }

    private static void check(Expected e, RingMode mode, NetStats stats, List<byte[]> toRing, List<byte[]> toRejector,
                              List<byte[]> written, boolean open) {
        assertEquals(e.violation() == null, open, () -> "connection open; model says " + e.violation());
        assertEquals("bad header".equals(e.violation()) ? 1 : 0, stats.badHeaders.sum(), "bad headers counted");
        assertEquals("oversize".equals(e.violation()) ? 1 : 0, stats.oversizeFrames.sum(), "oversize frames counted");
        assertEquals(e.frames().size(), stats.framesReceived.sum(), "frames counted");
        assertEquals(e.keepAlives(), stats.keepAlives.sum(), "keep-alives counted");

        List<byte[]> handedOver = new ArrayList<>(toRing);
        handedOver.addAll(toRejector);
        assertEquals(e.frames().size(), handedOver.size(), "every complete frame is handed over once");
        int ringCount = mode == RingMode.FULL ? 0 : mode == RingMode.HOLDS
                ? Math.min(HELD_IN_FLIGHT, e.frames().size()) : e.frames().size();
        assertEquals(ringCount, toRing.size(), "frames the ring took");
        for (int i = 0; i < e.frames().size(); i++) {
            byte[] got = i < ringCount ? toRing.get(i) : toRejector.get(i - ringCount);
            assertArrayEquals(e.frames().get(i), got, "frame " + i + " byte for byte");
        }
        long rejected = e.frames().size() - ringCount;
        assertEquals(rejected, stats.ringFullRejects.sum() + stats.inFlightRejects.sum(), "rejections counted");
        assertEquals(e.frames().stream().skip(ringCount).filter(f -> f.length % 2 == 0).count(),
                stats.unanswerable.sum(), "unanswerable counted");
        assertOutbound(e, written, open);
    }

    /** On a violation the close discards writes not yet flushed, so only a prefix of the answers is guaranteed. */
    private static void assertOutbound(Expected e, List<byte[]> written, boolean open) {
        byte[] expected = concat(e.outbound());
        byte[] got = concat(written);
        if (open) {
            assertArrayEquals(expected, got, "answers written");
        } else {
            assertTrue(got.length <= expected.length
                    && Arrays.equals(got, Arrays.copyOf(expected, got.length)), "answers written before the close");
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        return Wire.concat(parts);
    }
}
