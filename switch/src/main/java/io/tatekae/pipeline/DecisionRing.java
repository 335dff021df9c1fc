package io.tatekae.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.tatekae.config.PipelineConfig;
import io.tatekae.net.RequestSink;
import io.tatekae.spec.ProfileSpec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ring mode: the I/O thread decodes each frame into a slot of a Disruptor ring and a separate
 * decision thread decides the ring's batches (one journal commit and flush per batch).
 */
final class DecisionRing implements Decisions {
    private static final System.Logger LOG = System.getLogger(DecisionRing.class.getName());

    private final RingBuffer<RingEvent> ring;
    private final BatchEventProcessor<RingEvent> processor;
    private final Thread thread;
    private final RequestSink sink;

    DecisionRing(PipelineConfig settings, ProfileSpec spec, DecisionHandler handler) {
        ring = RingBuffer.createMultiProducer(RingEvent::new, settings.ringSize(), WaitStrategies.of(settings.waitStrategy()));
        processor = new BatchEventProcessorBuilder()
                .setMaxBatchSize(settings.maxBatch())
                .build(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        sink = new RingRequestSink(ring, spec);
        thread = new Thread(processor, "tatekae-decision");
    }

    @Override
    public RequestSink sink() {
        return sink;
    }

    @Override
    public void start() {
        thread.start();
    }

    /** Skipped when the ring is full (the next tick comes soon). */
    @Override
    public boolean publishTick() {
        long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return false;
        }
        RingEvent e = ring.get(seq);
        e.tick = true;
        e.connection = null;
        ring.publish(seq);
        return true;
    }

    /** Waits for a ring slot. */
    @Override
    public <T> CompletableFuture<T> onDecisionThread(Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        long seq = ring.next();
        RingEvent e = ring.get(seq);
        e.connection = null;
        e.task = () -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException ex) {
                done.completeExceptionally(ex);
            }
        };
        ring.publish(seq);
        return done;
    }

    @Override
    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    /** Waits until the decision thread has handled everything published so far, then stops it. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (processor.getSequence().get() < ring.getCursor() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (processor.getSequence().get() < ring.getCursor()) {
            LOG.log(System.Logger.Level.WARNING, "decision thread did not drain the ring within 10 s");
        }
        processor.halt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
