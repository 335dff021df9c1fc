package io.tatekae.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.net.Connection;
import io.tatekae.net.RequestSink;
import io.tatekae.spec.ProfileSpec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Run-to-completion mode: the network I/O thread is the decision thread. Each frame is decoded into
 * a preallocated slot and decided as it is read; the answers wait in their connections' buffers. Once
 * the event loop has read every ready connection, the flush task it queued runs: one journal commit
 * for everything that pass read, then one write per connection. No request crosses a thread, and the
 * fsync is paid per read batch: while one commit runs, the next requests gather in the sockets and
 * make the next batch. Administrative work and the timer's tick run as tasks on the same loop.
 */
final class InlineDecisions implements Decisions, RequestSink {
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final EventLoop loop;
    private final DecisionHandler handler;
    private final PipelineStats stats;
    private final InboundDecoder decoder;
    private final RingEvent[] slots;
    private final RingEvent tick = new RingEvent();
    private final Runnable queuedFlush = this::runQueuedFlush;
    private final Runnable tickTask = this::tick;
    /** Slots used since the last flush: an event keeps its slot until its answer has been sent. */
    private int used;
    private boolean flushQueued;

    InlineDecisions(EventLoop loop, ProfileSpec spec, DecisionHandler handler, PipelineStats stats, int maxBatch) {
        this.loop = loop;
        this.handler = handler;
        this.stats = stats;
        this.decoder = new InboundDecoder(spec);
        this.slots = new RingEvent[maxBatch];
        for (int i = 0; i < maxBatch; i++) {
            slots[i] = new RingEvent();
        }
    }

    @Override
    public RequestSink sink() {
        return this;
    }

    @Override
    public void start() {
        // The loop runs as soon as the listener or a task needs it.
    }

    /** Decides the frame now, on the I/O thread; never refuses (overload backs up into the sockets instead). */
    @Override
    public boolean offer(Connection connection, ByteBuf in, int length, long receivedNanos) {
        assert loop.inEventLoop() : "run-to-completion needs the connection on the decision loop";
        if (used == slots.length) {
            flush();
        }
        RingEvent e = slots[used++];
        e.connection = connection;
        e.receivedNanos = receivedNanos;
        e.length = length;
        in.getBytes(in.readerIndex(), e.frame, 0, length);
        decoder.decode(e.frame, length, e.fields, e.request);
        handler.handle(e);
        if (handler.full()) {
            flush();
        } else {
            queueFlush();
        }
        return true;
    }

    @Override
    public boolean publishTick() {
        try {
            loop.execute(tickTask);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    @Override
    public <T> CompletableFuture<T> onDecisionThread(Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    done.complete(work.get());
                } catch (RuntimeException | AssertionError ex) {
                    done.completeExceptionally(ex);
                }
                queueFlush(); // the work may have journaled postings that wait for a commit
            });
        } catch (RejectedExecutionException stopped) {
            done.completeExceptionally(new IllegalStateException("the switch is stopping", stopped));
        }
        return done;
    }

    @Override
    public long remainingCapacity() {
        return slots.length - used;
    }

    /** Answers what was read (commit and flush) on the loop and waits for it. */
    @Override
    public void close() {
        if (loop.inEventLoop()) {
            flush();
            return;
        }
        try {
            loop.submit(this::flush).await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException alreadyStopped) {
            // nothing can be pending on a loop that no longer runs
        }
    }

    private void tick() {
        tick.tick = true;
        handler.handle(tick);
        queueFlush();
    }

    private void queueFlush() {
        if (!flushQueued) {
            flushQueued = true;
            loop.execute(queuedFlush); // from the loop itself: runs after this pass's reads, no wake-up
        }
    }

    private void runQueuedFlush() {
        flushQueued = false;
        flush();
    }

    private void flush() {
        if (used > 0) {
            stats.recordBatch(used);
        }
        handler.flush();
        used = 0;
    }
}
