package io.tatekae.config;

/** The Disruptor ring between the Netty threads and the single decision thread. */
public record PipelineConfig(int ringSize, WaitStrategyKind waitStrategy, int maxBatch) {
}
