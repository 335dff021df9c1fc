package io.tatekae.pipeline;

/** Ring size, wait strategy and batch bound; validated by the configuration loader, asserted here. */
public record PipelineSettings(int ringSize, WaitStrategyKind waitStrategy, int maxBatch) {
    public PipelineSettings {
        if (Integer.bitCount(ringSize) != 1 || ringSize < 64) {
            throw new IllegalArgumentException("ringSize must be a power of two >= 64, was " + ringSize);
        }
        if (maxBatch < 1 || maxBatch > ringSize) {
            throw new IllegalArgumentException("maxBatch must be 1..ringSize, was " + maxBatch);
        }
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(4096, WaitStrategyKind.BLOCKING, 256);
    }
}
