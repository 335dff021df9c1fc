package io.tatekae.app;

import io.tatekae.admin.AdminHttpServer;
import io.tatekae.admin.AdminRoutes;
import io.tatekae.net.FrameTap;
import io.tatekae.ledger.Ledger;
import io.tatekae.engine.Postings;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.snapshot.Snapshotter;
import io.tatekae.recorder.FrameRecorder;
import io.tatekae.billing.AccountViews;
import io.tatekae.billing.Billing;
import io.tatekae.billing.BillingSettings;
import io.tatekae.billing.BillingState;
import io.tatekae.billing.CardIndex;
import io.tatekae.billing.CardIssuer;
import io.tatekae.journal.JournalBillingLog;
import io.tatekae.config.SwitchConfig;
import io.tatekae.metrics.SwitchMetrics;
import io.tatekae.engine.AuthorizationEngine;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.EngineRecovery;
import io.tatekae.engine.MoneyLog;
import io.tatekae.engine.PolicySettings;
import io.tatekae.engine.TxnTable;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.netty.channel.EventLoopGroup;
import io.tatekae.journal.SegmentFiles;
import io.tatekae.ledger.TotalsDifference;
import io.tatekae.net.IsoServer;
import io.tatekae.net.NetStats;
import io.tatekae.pipeline.SwitchPipeline;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.state.LiveState;
import io.tatekae.state.PanHasher;
import io.tatekae.state.provision.ProvisioningReport;

import io.tatekae.ledger.AccountBalance;

import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The running switch: state, engine, ring, listener and timer, started and stopped in order. */
public final class SwitchApp implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SwitchApp.class.getName());

    private final SwitchConfig config;
    private final LiveState store;
    private final PanHasher hasher;
    private final NetStats netStats = new NetStats();
    private final SwitchPipeline pipeline;
    private final IsoServer server;
    private final ScheduledExecutorService timer;
    private final MoneyPath money;
    private final SwitchMetrics metrics;
    private final Postings postings;
    private final MoneyAdmin moneyAdmin;
    private final FrameRecorder recorder;
    private final InstantSource clock;
    private final BillingSettings billingSettings;
    private final Billing billing;
    private final BillingDriver billingDriver;
    private final BillingAdmin billingAdmin;
    private final ScheduledExecutorService billingTimer;
    private final long replayedFrom;
    private AdminHttpServer http;
    /** Admin work that waits (for the poster's audit, up to minutes): off the common pool, which has one thread on 2 cores. */
    private final ExecutorService waiting = Executors.newVirtualThreadPerTaskExecutor();

    private SwitchApp(SwitchConfig config, InstantSource clock, UnaryOperator<MoneyLog> moneyLogDecorator,
                      SegmentFiles journalFiles) throws IOException {
        this.config = config;
        this.clock = clock;
        HeapBudget.check(config, Runtime.getRuntime().maxMemory());
        Files.createDirectories(config.data().dir());
        PolicySettings policy = PolicySettingsFactory.from(config.policy(), config.holds());
        store = StartRestore.openState(config, policy);
        hasher = new PanHasher(config.keys().panHashKey());
        Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex(config.keys().cvkAHex(), config.keys().cvkBHex()));
        money = new MoneyPath(config, journalFiles, clock);
        billingSettings = BillingDriver.settings(config);
        StartRestore.Restored restored = StartRestore.run(config, store, policy, billingSettings, money.committedSequence(), clock);
        replayedFrom = restored.replayedFrom();
        LOG.log(System.Logger.Level.INFO, () -> "billing recovered: " + restored.billingFixed());
        TxnTable txns = restored.txns();
        EngineRecovery recovery = restored.recovery();
        EngineSeed seed = restored.seed();
        BillingState billingState = restored.billing();
        billing = new Billing(billingSettings, billingState, store, new JournalBillingLog(money.moneyLog()), new CardIndex());
        AuthorizationEngine engine = new AuthorizationEngine(store, hasher, cav2, policy, clock,
                new BillingMoneyLog(moneyLogDecorator.apply(money.moneyLog()), billing),
                txns, seed, config.pipeline().maxBatch()).standing(billingState);
        postings = engine.postings();
        postings.rememberApplied(recovery.appliedPostings());
        billingDriver = new BillingDriver(billing, store, postings, clock);
        EventLoopGroup ioThread = IsoServer.newIoThread();
        pipeline = new SwitchPipeline(config.pipeline(), ProfileSpec.load(), engine, netStats, ioThread.next());
        recorder = config.recorder().enabled()
                ? new FrameRecorder(config.recorder().file(), ProfileSpec.load(), clock,
                        FrameRecorder.DEFAULT_QUEUE_ENTRIES)
                : null;
        server = new IsoServer(config.server(), netStats, pipeline.sink(), pipeline.rejectors(),
                recorder == null ? FrameTap.NONE : recorder, ioThread);
        moneyAdmin = new MoneyAdmin(pipeline, store, hasher, postings, money.ledger(), money::ledgerLag, clock);
        AccountViews views = new AccountViews(billing, store, billingSettings.eligibility());
        CardIssuer issuer = new CardIssuer(billing, views, store, hasher, cav2, new CardIssuer.Settings(
                config.issuance().bin(), config.issuance().panLength(), config.issuance().expiryYears()),
                new SecureRandom());
        billingAdmin = new BillingAdmin(pipeline, store, postings, billing, views, issuer, clock);
        metrics = new SwitchMetrics(netStats, pipeline);
        metrics.gauge("tatekae_ledger_lag_records", "Journal records not yet in the ledger", money, MoneyPath::ledgerLag);
        if (recorder != null) {
            metrics.gauge("tatekae_recorder_dropped", "Messages the traffic recorder dropped (queue full)", recorder,
                    FrameRecorder::dropped);
        }
        if (money.child() != null) {
            metrics.gauge("tatekae_ledger_poster_restarts", "Times the child poster process died and was started again",
                    money.child(), PosterSupervisor::restarts);
        }
        metrics.gauge("tatekae_ledger_totals_differences",
                "Ledger accounts whose totals differed from their rows at the poster's last audit", money, MoneyPath::auditFound);
        metrics.gauge("tatekae_ledger_totals_unrepaired",
                "Of those, accounts the poster could not repair from the journal", money, MoneyPath::auditLeft);
        metrics.gauge("tatekae_open_holds", "Holds open now, over every account", txns, TxnTable::openHolds);
        metrics.gauge("tatekae_journal_committed_sequence", "Last committed journal record", money, MoneyPath::committedSequence);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tatekae-timer");
            t.setDaemon(true);
            return t;
        });
        billingTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tatekae-billing");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens state and builds the pipeline; call {@link #provision} as needed, then {@link #start}. */
    public static SwitchApp open(SwitchConfig config, InstantSource clock) throws IOException {
        return new SwitchApp(config, clock, UnaryOperator.identity(), SegmentFiles.DISK);
    }

    /** For fault-injection tests: the journal-backed money log passes through {@code decorator}. */
    public static SwitchApp open(SwitchConfig config, InstantSource clock, UnaryOperator<MoneyLog> decorator)
            throws IOException {
        return new SwitchApp(config, clock, decorator, SegmentFiles.DISK);
    }

    /** For storage-fault tests: the journal's segment files are opened through {@code journalFiles}. */
    public static SwitchApp open(SwitchConfig config, InstantSource clock, UnaryOperator<MoneyLog> decorator,
                                 SegmentFiles journalFiles) throws IOException {
        return new SwitchApp(config, clock, decorator, journalFiles);
    }

    /**
     * Waits (up to the timeout) for the ledger to hold every committed journal record, then compares
     * it with the switch's accounts on the decision thread.
     */
    public CompletableFuture<String> reconcile(Duration waitForLedger) {
        long deadline = System.nanoTime() + waitForLedger.toNanos();
        while ((money.ledgerLag() > 0 || !money.posterStarted()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        long lag = money.ledgerLag();
        List<AccountBalance> balances;
        List<TotalsDifference> totals;
        try {
            balances = money.ledger().balances(); // never on the decision thread: it may be the network's
            totals = money.checkTotals();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return pipeline.onDecisionThread(() -> (lag > 0 ? "warning: the ledger is " + lag + " records behind\n" : "")
                + Reconciler.describe(Reconciler.compare(store, balances), totals, store.accountCount()));
    }

    /** Provisions before {@link #start}; outstanding amounts it sets are journaled (OUTSTANDING_SET). */
    public ProvisioningReport provision(Path file) throws IOException {
        long[] before = OpeningBalances.snapshot(store);
        long[][] limits = ProvisioningChanges.snapshot(store);
        CardProvisioner provisioner = new CardProvisioner(store, hasher, billingSettings);
        ProvisioningReport report = provisioner.load(file);
        OpeningBalances.journal(store, postings, before);
        ProvisioningChanges.journal(store, billing, limits, provisioner, clock.millis());
        if (!postings.commitNow()) {
            throw new IOException("provisioning: the journal could not record the outstanding amounts and limits it set");
        }
        return report;
    }

    /**
     * Starts the poster, billing (closing the months missed while the switch was down, before it
     * answers), the decision thread, the listener and the timers.
     */
    public SwitchApp start() throws InterruptedException {
        store.forceToDisk(); // provisioning's pages, written back now rather than under load 30 s later
        money.startPoster();
        billingDriver.startUp();
        pipeline.start();
        server.start();
        timer.scheduleAtFixedRate(pipeline::publishTick, 1, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(metrics::publish, 1, 1, TimeUnit.SECONDS);
        billingDriver.schedule(billingTimer, pipeline);
        if (config.http().enabled()) {
            http = new AdminHttpServer(config.http().host(), config.http().port(),
                    new AdminRoutes(metrics, Map.of(
                            "POST /admin/provision", this::provisionWhileRunning,
                            "POST /admin/clearing", moneyAdmin::clearing,
                            "POST /admin/payments", moneyAdmin::payment,
                            "GET /admin/points", moneyAdmin::points,
                            "GET /admin/reconcile", body -> CompletableFuture
                                    .supplyAsync(() -> reconcile(Duration.ofSeconds(10)).join())
                                    .thenApply(text -> AdminRoutes.reply(text.contains(" 0 differences") ? 200 : 409, text)),
                            "POST /admin/ledger/audit", body -> CompletableFuture.supplyAsync(money::audit, waiting),
                            "POST /admin/payments/file", billingAdmin::paymentsFile,
                            "POST /admin/points/redeem", billingAdmin::redeem,
                            "POST /admin/cards", billingAdmin::issueCard),
                    Map.of(
                            "GET /admin/accounts/{id}", billingAdmin::account,
                            "PUT /admin/accounts/{id}/direct-debit", billingAdmin::directDebit))).start();
        }
        LOG.log(System.Logger.Level.INFO, () -> "tatekae switch up in " + config.mode() + " mode: ISO 8583 on "
                + config.server().host() + ":" + server.port() + ", data in " + config.data().dir().toAbsolutePath()
                + ", " + store.cardCount() + " cards, " + store.accountCount() + " accounts");
        return this;
    }

    /** Loads a provisioning body on the decision thread, between requests. */
    private CompletableFuture<AdminRoutes.Reply> provisionWhileRunning(String jsonLines) {
        CardProvisioner provisioner = new CardProvisioner(store, hasher, billingSettings);
        return pipeline.onDecisionThread(() -> {
            try {
                long[] before = OpeningBalances.snapshot(store);
                long[][] limits = ProvisioningChanges.snapshot(store);
                ProvisioningReport report = provisioner.load(new StringReader(jsonLines));
                OpeningBalances.journal(store, postings, before);
                ProvisioningChanges.journal(store, billing, limits, provisioner, clock.millis());
                AdminRoutes.Reply done = AdminRoutes.reply(report.allLinesUsed() ? 200 : 422, report.describe());
                return postings.whenDurable().thenApply(durable -> durable ? done : AdminRoutes.reply(500,
                        "provisioned, but the journal could not record the outstanding amounts set; provision again"));
            } catch (IOException e) {
                return CompletableFuture.completedFuture(AdminRoutes.reply(500, "provisioning failed: " + e.getMessage()));
            }
        }).thenCompose(reply -> reply);
    }

    public int port() {
        return server.port();
    }

    /** The HTTP port, or -1 when HTTP is disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public SwitchMetrics metrics() {
        return metrics;
    }

    public NetStats netStats() {
        return netStats;
    }

    public SwitchPipeline pipeline() {
        return pipeline;
    }

    public LiveState store() {
        return store;
    }

    /**
     * A graceful stop: no new connections, no new reads; the decision thread answers everything
     * already in the ring and commits the journal; the poster drains into the ledger; then the state
     * files are closed cleanly (no recovery needed at the next start).
     */
    @Override
    public void close() {
        billingDriver.stop();
        timer.shutdownNow();
        billingTimer.shutdownNow();
        if (http != null) {
            http.close();
        }
        waiting.shutdownNow();
        server.stopAccepting();
        server.stopReading();
        pipeline.close();
        server.close();
        if (recorder != null) {
            recorder.close();
        }
        money.close();
        store.close();
        LOG.log(System.Logger.Level.INFO, "tatekae switch stopped");
    }

    /** The last journal record committed. */
    public long committedSequence() {
        return money.committedSequence();
    }

    /** Committed journal records not yet in the ledger, whichever process posts them. */
    public long ledgerLag() {
        return money.ledgerLag();
    }

    /** The child poster's process id, or -1 (none running, or {@code ledger.poster} is not child). */
    public long posterChildPid() {
        return money.child() == null ? -1 : money.child().pid();
    }

    /** The journal-to-ledger poster of this process (lag, counters), for tests; null unless {@code ledger.poster} is in-process. */
    public LedgerPoster poster() {
        return money.poster();
    }

    /** The first journal record this start replayed: 1, or the one after the snapshot it started from. */
    public long replayedFrom() {
        return replayedFrom;
    }

    /** The snapshot writer of this process (tests); null when the poster runs in another process. */
    public Snapshotter snapshotter() {
        return money.snapshotter();
    }

    public Ledger ledger() {
        return money.ledger();
    }
}
