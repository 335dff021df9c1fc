package io.tatekae.bench.support;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;

/**
 * Bytes the benchmark thread itself allocated over an iteration, per decision. -prof gc counts every
 * thread of the fork (Chronicle Map's and JMH's own background threads included), which at sub-microsecond
 * operations shows up as a fraction of a byte per operation; this tells the decision path's own share.
 */
public final class ThreadAllocation {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long startBytes;
    private long startCount;

    public void start(long count) {
        startCount = count;
        startBytes = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Prints "[thread-alloc] label: bytes / count" to the fork's output (JMH shows it with the iteration). */
    public void report(String label, long count) {
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
        long n = count - startCount;
        if (n == 0) {
            System.out.printf("[thread-alloc] %s: %d bytes on the benchmark thread%n", label, bytes);
        } else {
            System.out.printf("[thread-alloc] %s: %d bytes on the benchmark thread over %d decisions = %.4f B/decision%n",
                    label, bytes, n, (double) bytes / n);
        }
    }
}
