package io.tatekae.config;

/**
 * How requests reach the decision: on the network I/O thread itself or through the Disruptor ring to
 * a decision thread ({@link ThreadingMode}); the ring's size and wait strategy (ring mode only), and
 * the most requests decided before one journal commit and flush.
 */
public record PipelineConfig(ThreadingMode threading, int ringSize, WaitStrategyKind waitStrategy, int maxBatch) {
}
