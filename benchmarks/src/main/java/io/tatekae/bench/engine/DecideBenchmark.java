package io.tatekae.bench.engine;

import io.tatekae.bench.support.DecodedRequest;
import io.tatekae.bench.support.TestCardSet;
import io.tatekae.bench.support.DecisionState;
import io.tatekae.bench.support.TxnKeys;
import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.Decision;
import io.tatekae.engine.Outcome;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.spec.ProfileSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * {@code AuthorizationEngine.decide} alone, on requests the I/O thread's decoder already filled (outside
 * the measured region), followed by {@code endOfBatch()} as if every Disruptor batch held one request.
 * Every decision is a new request (fresh DE 7 / DE 11), so none is answered from the duplicate table.
 *
 * <ul>
 *   <li>{@code approve}: e-commerce purchases of 1,000 yen, each for the next of 200,704 cards (4,096
 *   decoded slots, each retargeted to its next card's PAN and CAV2 as the I/O thread's decode would),
 *   each approved (CAV2, name, merchant, 3-D Secure, limit, velocity, credit checks; hold placed). Open holds would pile up, so the method decides a batch of 8,192
 *   and, outside the measured region, every hold is expired between batches.</li>
 *   <li>{@code approveThenReverse}: one approval and its full 0400 reversal per operation (two decisions);
 *   steady state with the transaction table full and evicting its oldest entry per insert.</li>
 *   <li>{@code declineBlockedMcc}: the same purchase at MCC 7995; fails at check 11 after CAV2 and name.</li>
 *   <li>{@code declineUnknownCard}: a Luhn-valid PAN that is not provisioned; fails at check 2.</li>
 * </ul>
 * Each state checks at tear-down that every decision had the expected outcome.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecideBenchmark {
    /** Decoded request slots, as a ring holds them; each request retargets its slot to the next card. */
    static final int SLOTS = 4_096;
    static final int BATCH = 8_192;
    private static final byte[] NO_CAV2 = new byte[0];
    static final long AMOUNT = 1_000;

    /** Shared by the states: engine, requests decoded once, key source and outcome tally. */
    @State(Scope.Thread)
    public abstract static class Base extends DecisionState {
        DecodedRequest[] requests;
        byte[][] pans;
        byte[][] cav2s;
        final Decision decision = new Decision();
        final TxnKeys keys = new TxnKeys();
        int next;
        int card;

        void build(int slots, IntFunction<byte[]> frameOfCard) {
            if (cards % SLOTS != 0) {
                throw new IllegalArgumentException("cards must be a multiple of " + SLOTS + " (a slot keeps its card's name)");
            }
            openFixture();
            InboundDecoder decoder = new InboundDecoder(ProfileSpec.load());
            requests = new DecodedRequest[slots];
            for (int i = 0; i < slots; i++) {
                requests[i] = new DecodedRequest(frameOfCard.apply(i), decoder);
            }
            pans = new byte[cards][];
            cav2s = new byte[cards][];
            for (int i = 0; i < cards; i++) {
                pans[i] = TestCardSet.panBytes(i);
                cav2s[i] = fixture.cards.cav2Bytes(i);
            }
        }

        /** The next slot, retargeted to the next card (slot s serves cards s, s + SLOTS, s + 2 SLOTS, ...). */
        DecodedRequest nextRequest() {
            DecodedRequest r = requests.length == 1 ? requests[0] : requests[next].retarget(pans[card], cav2s[card]);
            next = next + 1 == requests.length ? 0 : next + 1;
            card = card + 1 == cards ? 0 : card + 1;
            return r;
        }

        Outcome decide(AuthRequest r, Outcome expected) {
            Decision d = decision;
            d.clear();
            fixture.engine.decide(r, d);
            fixture.engine.endOfBatch();
            tally.count(d.outcome, expected);
            return d.outcome;
        }

    }

    @State(Scope.Thread)
    public static class Approvals extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(SLOTS, i -> fixture.cards.purchase(i, AMOUNT, TestCardSet.ALLOWED_MCC));
        }

        /** Between measured batches: release every hold and forget every request. */
        @Setup(Level.Invocation)
        public void expireHolds() {
            fixture.expireEverything();
        }
    }

    @State(Scope.Thread)
    public static class ApproveReverse extends Base {
        DecodedRequest[] reversals;
        final TxnKeys reversalKeys = new TxnKeys();

        @Setup(Level.Trial)
        public void setUp() {
            build(SLOTS, i -> fixture.cards.purchase(i, AMOUNT, TestCardSet.ALLOWED_MCC));
            InboundDecoder decoder = new InboundDecoder(ProfileSpec.load());
            reversals = new DecodedRequest[SLOTS];
            for (int i = 0; i < SLOTS; i++) {
                reversals[i] = new DecodedRequest(fixture.cards.reversal(i, AMOUNT), decoder);
            }
            for (int i = 0; i < 500_000; i++) {
                reversalKeys.next(); // reversal keys run half a million STANs ahead: never equal to a purchase's
            }
        }
    }

    @State(Scope.Thread)
    public static class BlockedMcc extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(SLOTS, i -> fixture.cards.purchase(i, AMOUNT, TestCardSet.BLOCKED_MCC));
        }
    }

    @State(Scope.Thread)
    public static class UnknownCard extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(1, i -> fixture.cards.unknownCardPurchase(AMOUNT));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long approve(Approvals s) {
        long approved = 0;
        for (int i = 0; i < BATCH; i++) {
            s.keys.next();
            if (s.decide(s.nextRequest().refresh(s.keys), Outcome.APPROVED) == Outcome.APPROVED) {
                approved++;
            }
        }
        return approved;
    }

    @Benchmark
    public Outcome approveThenReverse(ApproveReverse s) {
        int slot = s.next;
        int card = s.card;
        DecodedRequest purchase = s.nextRequest();
        s.keys.next();
        s.decide(purchase.refresh(s.keys), Outcome.APPROVED);
        AuthRequest reversal = s.reversals[slot].retarget(s.pans[card], NO_CAV2).refresh(s.reversalKeys);
        s.reversalKeys.next();
        reversal.originalStan = s.keys.stan();
        reversal.originalDateTime = s.keys.dateTime();
        // Velocity counts approvals, reversed or not: 50 ms per pair keeps each card under 32 an hour.
        s.fixture.clock.advance(50);
        return s.decide(reversal, Outcome.APPROVED);
    }

    @Benchmark
    public Outcome declineBlockedMcc(BlockedMcc s) {
        s.keys.next();
        return s.decide(s.nextRequest().refresh(s.keys), Outcome.BLOCKED_MERCHANT);
    }

    @Benchmark
    public Outcome declineUnknownCard(UnknownCard s) {
        s.keys.next();
        return s.decide(s.nextRequest().refresh(s.keys), Outcome.UNKNOWN_CARD);
    }
}
