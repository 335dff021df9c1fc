package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding, DE 48 lookups, the mandatory check and encoding allocate nothing: measured with the
 * thread's allocated-bytes counter over many messages (not a timing test).
 */
class IsoDecoderAllocationTest {
    private static final int ROUNDS = 20_000;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final IsoDecoder decoder = new IsoDecoder(OurCodec.SPEC);
    private final IsoWriter writer = new IsoWriter(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();
    private final De48Tlv tlv = new De48Tlv();
    private final De48Writer de48 = new De48Writer();
    private final byte[] out = new byte[4096];

    @Test
    void decodingEveryGoldenVectorAndABadFrameAllocatesNothing() {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        List<GoldenVector> vectors = GoldenVector.all();
        byte[][] frames = new byte[vectors.size() + 1][];
        for (int i = 0; i < vectors.size(); i++) {
            frames[i] = vectors.get(i).bytes();
        }
        frames[vectors.size()] = frames[1].clone();
        frames[vectors.size()][40] = 'X'; // a format error in the middle of the purchase sample
        long sink = work(frames, 2_000); // warm up: class loading, JIT
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += work(frames, ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long messages = (long) ROUNDS * frames.length * 2;
        assertTrue(sink != 0);
        // a single allocation per message would be >= 16 bytes each; allow a little for the counter itself
        assertTrue(allocated < 1024, allocated + " bytes allocated over " + messages + " messages");
    }

    private long work(byte[][] frames, int rounds) {
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (byte[] frame : frames) {
                decoder.decode(frame, 0, frame.length, fields);
                sink += fields.error().ordinal() + MandatoryFields.check(fields);
                if (fields.has(11)) {
                    sink += fields.numeric(11);
                }
                sink += tlv.find(fields, De48Tlv.TAG_CAV2);
                sink += encodeResponse();
            }
        }
        return sink;
    }

    private int encodeResponse() {
        writer.begin(out, 4, 110);
        writer.echo(2, fields);
        writer.echo(7, fields);
        writer.echo(11, fields);
        writer.ascii(39, "05");
        de48.reset().character(De48Tlv.TAG_CAV2_RESULT, 'M').character(De48Tlv.TAG_NAME_RESULT, 'N')
                .numeric(De48Tlv.TAG_REASON_CODE, 1047, 4).writeTo(writer);
        writer.numeric(54, 0);
        return writer.finish();
    }

    @Test
    void theMeasurementWouldSeeAnAllocation() {
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[][] garbage = new byte[1000][];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = new byte[16];
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(1000, garbage.length);
        assertTrue(allocated >= 16_000, "counter saw " + allocated);
    }
}
