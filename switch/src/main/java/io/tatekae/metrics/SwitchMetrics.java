package io.tatekae.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tatekae.engine.Outcome;
import io.tatekae.iso.ResponseCodes;
import io.tatekae.net.NetStats;
import io.tatekae.pipeline.PipelineStats;
import io.tatekae.pipeline.SwitchPipeline;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The switch's metrics in Prometheus form. Everything is read from counters the hot threads already
 * keep (LongAdders, an HdrHistogram recorder), so recording never allocates on the decision thread;
 * the latency quantiles are those of the last completed second, refreshed by {@link #publish()}.
 */
public final class SwitchMetrics {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineStats pipelineStats;
    private final Histogram interval = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final double[] lastQuantilesSeconds = new double[QUANTILES.length];
    private volatile long lastSecondCount;

    public SwitchMetrics(NetStats net, SwitchPipeline pipeline) {
        this.pipelineStats = pipeline.stats();
        counter("tatekae_connections_accepted", "Network connections accepted", net.connectionsAccepted);
        counter("tatekae_connections_refused", "Connections refused over server.maxConnections", net.connectionsRefused);
        counter("tatekae_frames_oversize", "Frames over 4096 bytes (connection closed)", net.oversizeFrames);
        counter("tatekae_frames_bad_header", "Frames with a bad header (connection closed)", net.badHeaders);
        counter("tatekae_frames_deadline_closes", "Connections closed for a frame that did not complete", net.frameDeadlineCloses);
        counter("tatekae_idle_closes", "Connections closed for idleness", net.idleCloses);
        counter("tatekae_keepalives", "Keep-alive frames answered", net.keepAlives);
        counter("tatekae_frames_received", "Messages received", net.framesReceived);
        counter("tatekae_rejected_ring_full", "Requests answered 91 because the ring was full", net.ringFullRejects);
        counter("tatekae_rejected_in_flight", "Requests answered 91 over server.maxInFlightPerConnection", net.inFlightRejects);
        counter("tatekae_unanswerable", "Messages dropped: no readable MTI/STAN, or a response sent to the switch", net.unanswerable);
        counter("tatekae_write_pauses", "Times a slow-reading peer made its connection stop being read", net.writabilityPauses);
        counter("tatekae_batches", "Disruptor batches handled by the decision thread", pipelineStats.batches);
        counter("tatekae_internal_errors", "Requests the decision thread failed on", pipelineStats.internalErrors);
        gauge("tatekae_connections_open", "Open network connections", net, n -> n.openConnections.get());
        gauge("tatekae_ring_remaining", "Free slots in the ring", pipeline, SwitchPipeline::remainingCapacity);
        gauge("tatekae_batch_size_max", "Largest Disruptor batch so far", pipelineStats, PipelineStats::largestBatch);
        for (Outcome o : Outcome.values()) {
            FunctionCounter.builder("tatekae_responses", pipelineStats, s -> s.byOutcome.get(o.ordinal()))
                    .description("Responses by outcome, DE 39 and reason code")
                    .tags("outcome", o.name(), "de39", ResponseCodes.de39String(o), "reason", String.valueOf(ResponseCodes.reason(o)))
                    .register(registry);
        }
        for (int i = 0; i < QUANTILES.length; i++) {
            int q = i;
            Gauge.builder("tatekae_auth_latency_seconds", lastQuantilesSeconds, a -> a[q])
                    .description("Frame decoded to response flushed, over the last second")
                    .tag("quantile", QUANTILES[i] == 1.0 ? "max" : String.valueOf(QUANTILES[i]))
                    .register(registry);
        }
        gauge("tatekae_auth_last_second", "Responses in the last second", this, m -> m.lastSecondCount);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Adds a gauge read from any source (journal lag, ledger lag, open holds). */
    public <T> void gauge(String name, String help, T source, ToDoubleFunction<T> read) {
        Gauge.builder(name, source, read).description(help).register(registry);
    }

    private void counter(String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(help).register(registry);
    }

    /** Takes the last second's latencies; called once a second by the switch's timer. */
    public synchronized void publish() {
        pipelineStats.intervalLatency(interval);
        lastSecondCount = interval.getTotalCount();
        for (int i = 0; i < QUANTILES.length; i++) {
            long nanos = interval.getTotalCount() == 0 ? 0 : QUANTILES[i] == 1.0
                    ? interval.getMaxValue() : interval.getValueAtPercentile(QUANTILES[i] * 100);
            lastQuantilesSeconds[i] = nanos / 1e9;
        }
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Latency quantile in seconds over the last second (0.5, 0.9, 0.99, 0.999; 1.0 = max). */
    public synchronized double lastQuantileSeconds(double quantile) {
        for (int i = 0; i < QUANTILES.length; i++) {
            if (QUANTILES[i] == quantile) {
                return lastQuantilesSeconds[i];
            }
        }
        throw new IllegalArgumentException("no quantile " + quantile);
    }

    public long lastSecondCount() {
        return lastSecondCount;
    }
}
