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

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The switch's metrics in Prometheus form. Everything is read from counters the hot threads already
 * keep (LongAdders, HdrHistogram recorders), so recording never allocates on the decision thread;
 * the latency quantiles are those of the last completed second, and the cumulative histograms and
 * the live page's history are fed from each second's interval, all by {@link #publish()}.
 */
public final class SwitchMetrics {
    private static final System.Logger LOG = System.getLogger(SwitchMetrics.class.getName());
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};
    /** Seconds: 50 µs … 1.5 s. */
    private static final double[] LATENCY_BUCKETS = {
            0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536};
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineStats pipelineStats;
    private final Histogram interval = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final double[] lastQuantilesSeconds = new double[QUANTILES.length];
    private volatile long lastSecondCount;
    private final NetStats net;
    private final SwitchPipeline pipeline;
    private final Histogram batchInterval = new Histogram(1 << 20, 2);
    private final Histogram commitInterval = new Histogram(TimeUnit.SECONDS.toNanos(60), 2);
    private final CumulativeHistogram authDuration = new CumulativeHistogram("tatekae_auth_duration_seconds",
            "Frame decoded to response flushed, cumulative since start", LATENCY_BUCKETS, 1e9);
    private final CumulativeHistogram batchSize = new CumulativeHistogram("tatekae_batch_size",
            "Disruptor batch sizes handled by the decision thread, cumulative since start", BATCH_BUCKETS, 1);
    private final CumulativeHistogram commitDuration = new CumulativeHistogram("tatekae_journal_commit_duration_seconds",
            "Journal commit of a batch with money changes, cumulative since start", LATENCY_BUCKETS, 1e9);
    private final LiveHistory live;
    private final LiveHistory.Second second = new LiveHistory.Second();
    private final long[] previousByOutcome = new long[OUTCOMES.length];

    public SwitchMetrics(NetStats net, SwitchPipeline pipeline) {
        this.pipelineStats = pipeline.stats();
        this.net = net;
        this.pipeline = pipeline;
        this.live = new LiveHistory(pipeline.remainingCapacity());
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
        counter("tatekae_connection_errors", "Connections closed on an I/O error (e.g. a peer's reset)", net.connectionErrors);
        counter("tatekae_tls_handshake_failures", "TLS handshakes that failed or timed out", net.tlsHandshakeFailures);
        counter("tatekae_write_pauses", "Times a slow-reading peer made its connection stop being read", net.writabilityPauses);
        counter("tatekae_batches", "Disruptor batches handled by the decision thread", pipelineStats.batches);
        counter("tatekae_internal_errors", "Requests the decision thread failed on", pipelineStats.internalErrors);
        gauge("tatekae_connections_open", "Open network connections", net, n -> n.openConnections.get());
        gauge("tatekae_in_flight", "Requests received and not yet answered, over every connection", net, n -> n.inFlight.get());
        gauge("tatekae_ring_remaining", "Free slots in the ring", pipeline, SwitchPipeline::remainingCapacity);
        gauge("tatekae_batch_size_max", "Largest Disruptor batch so far", pipelineStats, PipelineStats::largestBatch);
        for (Outcome o : Outcome.values()) {
            FunctionCounter.builder("tatekae_responses", pipelineStats, s -> s.byOutcome.get(o.ordinal()))
                    .description("Responses by outcome, DE 39 and reason code")
                    .tags("outcome", o.name(), "de39", ResponseCodes.de39String(o), "reason", String.valueOf(ResponseCodes.reason(o)))
                    .register(registry);
        }
        requestsByMtiAndDe39();
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

    /** tatekae_requests_total{mti, de39}: responses by request MTI and DE 39 (outcomes sharing a DE 39 summed). */
    private void requestsByMtiAndDe39() {
        Set<String> codes = new TreeSet<>();
        for (Outcome o : OUTCOMES) {
            codes.add(ResponseCodes.de39String(o));
        }
        for (int m = 0; m < PipelineStats.MTI_CODES; m++) {
            int mti = m;
            for (String de39 : codes) {
                int[] ordinals = Arrays.stream(OUTCOMES)
                        .filter(o -> ResponseCodes.de39String(o).equals(de39)).mapToInt(Outcome::ordinal).toArray();
                FunctionCounter.builder("tatekae_requests", pipelineStats, s -> {
                            long sum = 0;
                            for (int o : ordinals) {
                                sum += s.byMtiOutcome.get(mti * PipelineStats.OUTCOMES + o);
                            }
                            return sum;
                        })
                        .description("Requests answered, by request MTI and DE 39")
                        .tags("mti", PipelineStats.mtiName(mti), "de39", de39)
                        .register(registry);
            }
        }
    }

    private void counter(String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(help).register(registry);
    }

    /** Takes the last second's latencies, batch sizes and commit times; called once a second by the switch's timer. */
    public synchronized void publish() {
        try {
            takeSecond();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log, and try again next second.
            LOG.log(System.Logger.Level.ERROR, "publishing metrics failed", e);
        }
    }

    private void takeSecond() {
        pipelineStats.intervalLatency(interval);
        lastSecondCount = interval.getTotalCount();
        for (int i = 0; i < QUANTILES.length; i++) {
            long nanos = interval.getTotalCount() == 0 ? 0 : QUANTILES[i] == 1.0
                    ? interval.getMaxValue() : interval.getValueAtPercentile(QUANTILES[i] * 100);
            lastQuantilesSeconds[i] = nanos / 1e9;
        }
        authDuration.add(interval);
        batchSize.add(pipelineStats.intervalBatchSizes(batchInterval));
        commitDuration.add(pipelineStats.intervalCommitLatency(commitInterval));
        recordSecond();
    }

    private void recordSecond() {
        second.epochSecond = System.currentTimeMillis() / 1000;
        second.responses = interval.getTotalCount();
        second.p50Micros = lastQuantilesSeconds[0] * 1e6;
        second.p99Micros = lastQuantilesSeconds[2] * 1e6;
        second.p999Micros = lastQuantilesSeconds[3] * 1e6;
        second.maxMicros = lastQuantilesSeconds[4] * 1e6;
        second.ringFree = pipeline.remainingCapacity();
        second.ledgerLag = gaugeValue("tatekae_ledger_lag_records");
        second.connections = net.openConnections.get();
        second.inFlight = net.inFlight.get();
        second.openHolds = gaugeValue("tatekae_open_holds");
        for (int o = 0; o < OUTCOMES.length; o++) {
            long now = pipelineStats.byOutcome.get(o);
            second.byOutcome[o] = now - previousByOutcome[o];
            previousByOutcome[o] = now;
        }
        live.add(second);
    }

    /** A gauge added with {@link #gauge}, or NaN when there is none of that name. */
    private double gaugeValue(String name) {
        Gauge g = registry.find(name).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** The last five minutes, second by second, for the live page. */
    public String liveJson() {
        return live.json();
    }

    /** Micrometer's meters plus the cumulative histograms, in the Prometheus text format. */
    public String scrape() {
        StringBuilder out = new StringBuilder(registry.scrape());
        authDuration.writeTo(out);
        batchSize.writeTo(out);
        commitDuration.writeTo(out);
        return out.toString();
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
