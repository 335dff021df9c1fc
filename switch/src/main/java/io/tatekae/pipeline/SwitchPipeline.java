package io.tatekae.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import io.tatekae.config.PipelineConfig;
import io.tatekae.net.NetStats;
import io.tatekae.net.Rejector;
import io.tatekae.net.RequestSink;
import io.tatekae.spec.ProfileSpec;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The ring and its one decision thread. */
public final class SwitchPipeline implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SwitchPipeline.class.getName());

    private final RingBuffer<RingEvent> ring;
    private final BatchEventProcessor<RingEvent> processor;
    private final Thread thread;
    private final RequestSink sink;
    private final Supplier<Rejector> rejectors;
    private final PipelineStats stats = new PipelineStats();

    public SwitchPipeline(PipelineConfig settings, ProfileSpec spec, Authorizer authorizer, NetStats netStats) {
        ring = RingBuffer.createMultiProducer(RingEvent::new, settings.ringSize(), WaitStrategies.of(settings.waitStrategy()));
        DecisionHandler handler = new DecisionHandler(new RequestRouter(authorizer, netStats), spec, stats, settings.maxBatch());
        processor = new BatchEventProcessorBuilder()
                .setMaxBatchSize(settings.maxBatch())
                .build(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        sink = new RingRequestSink(ring, spec);
        rejectors = () -> new IsoRejector(spec);
        thread = new Thread(processor, "tatekae-decision");
    }

    public void start() {
        thread.start();
    }

    public RequestSink sink() {
        return sink;
    }

    public Supplier<Rejector> rejectors() {
        return rejectors;
    }

    public PipelineStats stats() {
        return stats;
    }

    /** Asks the decision thread for its periodic work; skipped when the ring is full (the next tick comes soon). */
    public boolean publishTick() {
        long seq;
        try {
            seq = ring.tryNext();
        } catch (com.lmax.disruptor.InsufficientCapacityException full) {
            return false;
        }
        RingEvent e = ring.get(seq);
        e.tick = true;
        e.connection = null;
        ring.publish(seq);
        return true;
    }

    /**
     * Runs administrative work on the decision thread, between requests, so it needs no locks
     * against the engine. Waits for a ring slot; the result completes when the work has run.
     */
    public <T> java.util.concurrent.CompletableFuture<T> onDecisionThread(java.util.function.Supplier<T> work) {
        java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
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

    /** Free slots in the ring right now. */
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
