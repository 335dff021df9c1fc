package io.tatekae.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the decision thread waits for work. On 2 cores, BLOCKING (the default) leaves the other core
 * to Netty; BUSY_SPIN or YIELDING only pay off with a core to spare for each spinning thread.
 */
public enum WaitStrategyKind {
    BLOCKING, SLEEPING, YIELDING, BUSY_SPIN;

    WaitStrategy create() {
        return switch (this) {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /** Parses the configuration spelling: blocking, sleeping, yielding, busy-spin. */
    public static WaitStrategyKind parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
