package io.tatekae.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The pattern against one server: the velocity primer, the JIT warm-up, the fixed rates and the
 * capacity search, each phase followed by a settle step that reverses the holds it left open.
 * Before a phase it checks that the cards' velocity allowance and the server's room for open holds
 * suffice for it, and skips it with a note when not, rather than provoke declines nobody asked for.
 */
final class Session {
    static final String WARMUP = "warm-up";
    static final String RATE = "rate";
    static final String SEARCH = "search";
    static final String SETTLE = "settle";

    /** Settle requests unanswered at once: far below a server's in-flight limit (the switch's default: 1,024 per connection). */
    private static final int SETTLE_WINDOW = 256;
    private static final int SETTLE_PASSES = 5;
    /** How long a server may take to work off what a phase left queued in it before the next one starts. */
    private static final long IDLE_WAIT_MILLIS = 120_000;
    /** The switch publishes its histograms once a second; a scrape waits a little longer than that. */
    private static final long METRICS_PUBLISH_WAIT_MILLIS = 1_200;

    /**
     * The server under test, by name and address; {@code anyResponse} for one that keeps no state (echo);
     * {@code metricsPort} the switch's HTTP port on {@code host}, whose histograms give its own view of each phase (0: none).
     */
    record Target(String label, String host, int port, boolean anyResponse, int metricsPort) {
        Target(String label, String host, int port, boolean anyResponse) {
            this(label, host, port, anyResponse, 0);
        }
    }

    private final LoadPattern p;
    private final Target target;
    private final CardPool pool;
    private final FrameCodec codec;
    private final int velocity;
    private final long maxOpenHolds;
    private final PrintStream out;
    private final CardCycle cycle;
    private final OpenHolds holds;
    private final Workload workload;
    private final SettleWorkload settle;
    private final PendingTable pending = new PendingTable();
    private final ServerResults results;
    private long stanBase;

    /**
     * @param velocity      approvals per card the server allows (0: it keeps no count)
     * @param approvalsUsed approvals earlier sessions took from this server's cards
     * @param maxOpenHolds  the server's holds.maxOpenHolds: it remembers that many requests, open holds always
     */
    Session(LoadPattern p, Target target, CardPool pool, FrameCodec codec, RequestTemplates templates, int velocity,
            long approvalsUsed, long maxOpenHolds, PrintStream out) {
        this.p = p;
        this.target = target;
        this.pool = pool;
        this.codec = codec;
        this.velocity = target.anyResponse() ? 0 : velocity;
        this.maxOpenHolds = maxOpenHolds;
        this.out = out;
        this.cycle = new CardCycle(pool.cycleSize(), this.velocity, approvalsUsed);
        this.holds = new OpenHolds(OpenHolds.capacityFor((long) Math.ceil(p.maxPhaseRequests() * p.mix().approvalShare())));
        this.workload = new Workload(codec, pool, templates, p.mix(), cycle, holds);
        this.settle = new SettleWorkload(holds, templates);
        this.results = new ServerResults(target.label());
    }

    ServerResults run() throws IOException {
        out.printf("%s: %,d cards in the cycle, %s%n", target.label(), cycle.size(), p.describe());
        Primer.prime(codec, target.host(), target.port(), workload.velocityApproval(), pool.velocityCard(), velocity,
                target.anyResponse(), p.timeoutNanos());
        try {
            if (p.warmupSeconds() > 0) {
                phase(WARMUP, p.warmupRate(), p.warmupSeconds());
            }
            CapacitySearch search = new CapacitySearch(p.stepFactor(), p.maxRate(), p.searchSteps());
            for (double rate : p.rates()) {
                RunResult r = phase(RATE, rate, p.seconds());
                if (r == null) {
                    search.stop("the fixed rates stopped at " + String.format("%,.0f/s", rate));
                    break;
                }
                search.record(rate, r.failures(p.objective()));
            }
            if (p.search()) {
                search(search);
            }
        } catch (Workload.CardsExhaustedException e) {
            results.notes.add(e.getMessage());
            out.println(target.label() + ": " + e.getMessage());
        } finally {
            results.approvals = cycle.approvalsIssued();
            results.maxApprovalsPerCard = maxApprovalsPerCard();
            results.holdsLeftOpen = target.anyResponse() ? 0 : holds.forgotten() + holds.answeredCount() + holds.uncertainCount();
        }
        if (!target.anyResponse()) {
            out.printf("%s: %,d approvals and advices, at most %d per card (velocity %d); next session against this server:"
                            + " --approvals-used %d%n", target.label(), results.approvals, results.maxApprovalsPerCard,
                    velocity, cycle.approvalsIssued());
        }
        return results;
    }

    private void search(CapacitySearch search) throws IOException {
        double rate;
        while (!Double.isNaN(rate = search.next())) {
            RunResult r = phase(SEARCH, rate, p.seconds());
            if (r == null) {
                search.stop("stopped before " + String.format("%,.0f/s", rate) + ": " + results.notes.getLast());
                break;
            }
            search.record(rate, r.failures(p.objective()));
        }
        results.capacity = search.result();
        out.printf("%s: capacity at %s: %s%n", target.label(), p.objective(), results.capacity.describe());
    }

    /** One phase and its settle step; null when the cards or the server's open holds have no room for it. */
    private RunResult phase(String phase, double rate, double seconds) throws IOException {
        long requests = (long) Math.ceil(rate * seconds);
        String refusal = noRoomFor(requests);
        if (refusal != null) {
            String note = String.format("%s at %,.0f/s skipped: %s", phase, rate, refusal);
            results.notes.add(note);
            out.println(target.label() + ": " + note);
            return null;
        }
        awaitIdle(phase, rate);
        String metricsBefore = metrics();
        RunResult r = run(phase, rate, requests, workload, 0);
        String inside = metricsBefore.isEmpty() ? null : SwitchInside.describe(metricsBefore, metrics());
        List<String> failures = r.failures(p.objective());
        out.println(RunResult.summaryHeader());
        out.println(r.summaryRow());
        if (inside != null) {
            out.println(target.label() + ": " + inside);
            results.inside.add(String.format("%-8s %-8s %9.0f/s  %s", target.label(), phase, rate, inside));
        }
        out.printf("%s: send lag (the tester's own delay) p99 %.1f us, max %.1f us; %d reversals found no approval to"
                        + " reverse and became balance inquiries%n", target.label(),
                r.stats().totalSendLag.getValueAtPercentile(99) / 1000.0, r.stats().totalSendLag.getMaxValue() / 1000.0,
                workload.substitutedReversals);
        workload.substitutedReversals = 0;
        for (String s : r.stats().samples()) {
            out.println("  " + s);
        }
        out.println(failures.isEmpty() ? "HELD " + p.objective() : "DID NOT HOLD: " + String.join("; ", failures));
        settle();
        out.println();
        return r;
    }

    /**
     * Reverses every hold the phase left open (not for a server that keeps no state), at most
     * {@link #SETTLE_WINDOW} unanswered at once so as never to overload it; what did not get through
     * goes again, up to {@link #SETTLE_PASSES} passes.
     */
    private void settle() throws IOException {
        if (target.anyResponse()) {
            return;
        }
        long total = 0;
        long errors = 0;
        for (int pass = 0; pass < SETTLE_PASSES; pass++) {
            long n = settle.requests();
            if (n == 0) {
                break;
            }
            awaitIdle(SETTLE, p.settleRate());
            RunResult r = run(SETTLE, p.settleRate(), n, settle, SETTLE_WINDOW);
            total += n;
            errors += r.stats().errors();
        }
        long left = settle.requests();
        out.printf("%s: settle: %,d reversals (%,d not answered 00), %s%n", target.label(), total, errors,
                left == 0 ? "no hold of the tester's left open" : left + " holds still open");
        if (left > 0) {
            results.notes.add(String.format("%,d holds still open after %d settle passes", left, SETTLE_PASSES));
        }
    }

    /** Waits until the server answers an echo test at once: nothing of the previous phase is queued in it any more. */
    private void awaitIdle(String phase, double rate) throws IOException {
        long waited;
        try {
            waited = IdleProbe.await(codec, target.host(), target.port(), IDLE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + target.label() + " to become idle");
        }
        String before = String.format("%s at %,.0f/s", phase, rate);
        if (waited < 0) {
            throw new IOException(target.label() + " was still busy " + IDLE_WAIT_MILLIS / 1000 + " s after the phase before " + before);
        }
        if (waited >= 1000) {
            String note = String.format("before %s the server took %.1f s to work off what the previous phase left queued",
                    before, waited / 1000.0);
            results.notes.add(note);
            out.println(target.label() + ": " + note);
        }
    }

    private RunResult run(String phase, double rate, long requests, RequestSource source, int window) throws IOException {
        LoadRun.Settings s = new LoadRun.Settings(target.label(), phase, target.host(), target.port(), p.connections(),
                rate, requests, p.timeoutNanos(), target.anyResponse(), stanBase, window);
        stanBase = (stanBase + requests) % PendingTable.STANS;
        RunResult r = new LoadRun(s, source, holds, codec, pending, out).run();
        results.runs.add(r);
        return r;
    }

    /**
     * The switch's metrics page, or "" when the target has none. Read once the switch has published the
     * second that just ended (it folds its histograms into the page once a second), so that a phase's
     * window holds all of the phase and none of the settle step around it.
     */
    private String metrics() {
        if (target.metricsPort() <= 0) {
            return "";
        }
        try {
            Thread.sleep(METRICS_PUBLISH_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
        return SwitchMetricsReader.scrape(target.host(), target.metricsPort());
    }

    /** Why a phase of {@code requests} does not fit, or null when it does. */
    private String noRoomFor(long requests) {
        if (target.anyResponse()) {
            return null;
        }
        long approvals = (long) Math.ceil(requests * p.mix().approvalShare() * 1.01) + 100;
        if (approvals > cycle.approvalsLeft()) {
            return String.format("it needs about %,d approvals and the %,d cards have %,d left (velocity %d per card):"
                    + " provision more cards (--card-count)", approvals, cycle.size(), cycle.approvalsLeft(), velocity);
        }
        // The server remembers holds.maxOpenHolds requests and forgets the oldest when it needs room, but never
        // an open hold: the holds one phase places before its settle step closes them must fit.
        long holdsPlaced = (long) Math.ceil(requests * p.mix().approvalShare() * 1.02);
        if (holdsPlaced > maxOpenHolds) {
            return String.format("its about %,d holds would not fit in the server's holds.maxOpenHolds (%,d)",
                    holdsPlaced, maxOpenHolds);
        }
        return null;
    }

    private int maxApprovalsPerCard() {
        int max = 0;
        for (int c = 0; c < cycle.size(); c++) {
            max = Math.max(max, cycle.approvalsOf(c));
        }
        return max;
    }
}
