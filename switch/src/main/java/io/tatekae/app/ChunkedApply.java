package io.tatekae.app;

import io.tatekae.engine.Postings;
import io.tatekae.pipeline.SwitchPipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Applies a file's lines on the decision thread a chunk at a time, so requests keep flowing between chunks.
 * A chunk's result is kept once the journal made its batch durable; the first chunk it could not commit
 * (taken back) stops the file there, and no later chunk is applied.
 */
final class ChunkedApply {
    /** One chunk's work on the decision thread; returns what keeps its result once the journal made it durable. */
    @FunctionalInterface
    interface ChunkWork<L> {
        Runnable apply(List<L> chunk);
    }

    private final SwitchPipeline pipeline;
    private final Postings postings;
    private final int chunkSize;

    ChunkedApply(SwitchPipeline pipeline, Postings postings, int chunkSize) {
        this.pipeline = pipeline;
        this.postings = postings;
        this.chunkSize = chunkSize;
    }

    /** Completes with true when every chunk committed; {@code notCommitted} is told the chunk that did not. */
    <L> CompletableFuture<Boolean> apply(List<L> lines, ChunkWork<L> work, Consumer<List<L>> notCommitted) {
        // Chaining runs off the decision thread (whose commit completes each chunk): submitting the next
        // chunk may wait for a ring slot.
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (int from = 0; from < lines.size(); from += chunkSize) {
            List<L> chunk = lines.subList(from, Math.min(lines.size(), from + chunkSize));
            chain = chain.thenComposeAsync(ok -> ok ? applyChunk(chunk, work, notCommitted) : CompletableFuture.completedFuture(false));
        }
        return chain;
    }

    /** The text a summary keeps when the chunk from {@code firstLine} on could not be committed. */
    static String notCommitted(int firstLine, String retry) {
        return "the journal could not commit the lines from line " + firstLine + " on; they were not applied: "
                + retry + " the file again once the journal works";
    }

    private <L> CompletableFuture<Boolean> applyChunk(List<L> chunk, ChunkWork<L> work, Consumer<List<L>> notCommitted) {
        return pipeline.onDecisionThread(() -> {
            Runnable keep = work.apply(chunk);
            return postings.whenDurable().thenApply(durable -> {
                if (durable) {
                    keep.run();
                } else {
                    notCommitted.accept(chunk);
                }
                return durable;
            });
        }).thenCompose(durable -> durable);
    }
}
