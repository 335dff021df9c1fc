package io.tatekae.bench.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cost of handing one request to the decision thread and seeing its answer: the benchmark thread
 * (standing in for a Netty I/O thread) claims a slot of a multi-producer ring as the switch's is, publishes,
 * and spins until the consumer thread (standing in for the decision thread, behind the configured wait
 * strategy) has written the sequence back to a volatile. One hop there, one cache-line hand-off back; the
 * switch's real way back (Netty's write and event-loop wake-up) is not included. Needs two free cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RingHopBenchmark {
    @Param({"blocking", "yielding", "busy-spin"})
    String waitStrategy;

    private RingBuffer<Slot> ring;
    private BatchEventProcessor<Slot> processor;
    private Thread consumer;
    private final Echo echo = new Echo();

    static final class Slot {
        long value;
    }

    /** The consumer's answer, alone on its cache lines. */
    static final class Echo {
        long p1, p2, p3, p4, p5, p6, p7;
        volatile long value = -1;
        long q1, q2, q3, q4, q5, q6, q7;
    }

    @Setup(Level.Trial)
    public void start() {
        WaitStrategy wait = switch (waitStrategy) {
            case "blocking" -> new BlockingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("unknown wait strategy " + waitStrategy);
        };
        ring = RingBuffer.createMultiProducer(Slot::new, 4096, wait);
        EventHandler<Slot> handler = (slot, sequence, endOfBatch) -> echo.value = slot.value;
        processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        consumer = new Thread(processor, "ring-hop-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        processor.halt();
        consumer.join(5_000);
    }

    @Benchmark
    public long roundTrip() {
        long seq = ring.next();
        ring.get(seq).value = seq;
        ring.publish(seq);
        while (echo.value != seq) {
            Thread.onSpinWait();
        }
        return seq;
    }
}
