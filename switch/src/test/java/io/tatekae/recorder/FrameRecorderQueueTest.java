package io.tatekae.recorder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tatekae.spec.ProfileSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recorder whose file cannot keep up drops and counts; the caller is never held up. */
class FrameRecorderQueueTest {
    private static final int QUEUE = 4;

    @TempDir
    Path dir;

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                file.write(b, off, len);
            }
        };
        file.write(RecordingFormat.MAGIC);
        FrameRecorder recorder = new FrameRecorder(stuck, "stuck stream", ProfileSpec.load(), InstantSource.system(), QUEUE);
        recorder.inbound(1, message("0800 first"), 0, "0800 first".length());
        assertTrue(writing.await(5, TimeUnit.SECONDS), "the writer took the first entry");
        for (int i = 0; i < QUEUE + 3; i++) {
            String text = "0800 queued " + i;
            recorder.outbound(1, message(text), 0, text.length());
        }
        assertEquals(3, recorder.dropped());
        release.countDown();
        recorder.close();

        Path written = dir.resolve("r.bin");
        Files.write(written, file.toByteArray());
        List<RecordedMessage> entries = RecordingReader.read(written);
        assertEquals(1 + QUEUE, entries.size());
        assertEquals("0800 first", new String(entries.get(0).message(), StandardCharsets.US_ASCII));
        assertEquals("0800 queued 3", new String(entries.get(QUEUE).message(), StandardCharsets.US_ASCII));
        assertEquals(QUEUE + 1, recorder.written());
    }

    private static ByteBuf message(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
