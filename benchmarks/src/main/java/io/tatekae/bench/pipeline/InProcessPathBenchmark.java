package io.tatekae.bench.pipeline;

import io.tatekae.bench.support.TestCardSet;
import io.tatekae.bench.support.DecisionState;
import io.tatekae.bench.support.TxnKeys;
import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.Decision;
import io.tatekae.engine.Outcome;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.iso.ResponseEncoder;
import io.tatekae.net.Framing;
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
 * The switch's in-process work for one request, from the frame's bytes to the response's bytes, minus
 * Netty and the Disruptor: copy the frame into a ring slot (as the I/O thread does from its ByteBuf), set
 * a fresh DE 7 / DE 11 in it, {@code InboundDecoder.decode} (strict decode, mandatory fields, the engine's
 * primitives), {@code AuthorizationEngine.decide}, {@code endOfBatch()} (journal commit, here a counter),
 * {@code ResponseEncoder.encode} (the framed 0110). Requests and cards are those of DecideBenchmark
 * (4,096 cards round-robin; approvals in batches of 8,192 with hold expiry between batches, outside the
 * measured region). {@code decodeOnly} and {@code encodeOnly} split the approval path's codec share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InProcessPathBenchmark {
    static final int BATCH = 8_192;
    static final long AMOUNT = 1_000;

    @State(Scope.Thread)
    public abstract static class Base extends DecisionState {
        byte[][] frames;
        int de7Offset;
        int de11Offset;
        final byte[] slot = new byte[Framing.MAX_MESSAGE_BYTES];
        int slotLength;
        final IsoFields fields = new IsoFields();
        final AuthRequest request = new AuthRequest();
        final Decision decision = new Decision();
        final byte[] out = new byte[2 * Framing.MAX_MESSAGE_BYTES];
        InboundDecoder decoder;
        ResponseEncoder encoder;
        final TxnKeys keys = new TxnKeys();
        int next;

        void build(int count, IntFunction<byte[]> frameOfCard) {
            openFixture();
            ProfileSpec spec = ProfileSpec.load();
            decoder = new InboundDecoder(spec);
            encoder = new ResponseEncoder(spec);
            frames = new byte[count][];
            for (int i = 0; i < count; i++) {
                frames[i] = frameOfCard.apply(i);
            }
            if (decoder.decode(frames[0], frames[0].length, fields, request) != FormatError.NONE) {
                throw new IllegalStateException("benchmark frame does not decode");
            }
            de7Offset = fields.offset(7);
            de11Offset = fields.offset(11);
        }

        /** The I/O thread's part: the next frame into the slot, with a fresh key, decoded. */
        FormatError receive() {
            byte[] frame = frames[next];
            next = next + 1 == frames.length ? 0 : next + 1;
            System.arraycopy(frame, 0, slot, 0, frame.length);
            slotLength = frame.length;
            keys.next();
            TxnKeys.writeDigits(slot, de7Offset, 10, keys.dateTime());
            TxnKeys.writeDigits(slot, de11Offset, 6, keys.stan());
            return decoder.decode(slot, slotLength, fields, request);
        }

        /** The decision thread's part: decide, commit the batch of one, encode the response. */
        int answer(Outcome expected) {
            Decision d = decision;
            d.clear();
            fixture.engine.decide(request, d);
            fixture.engine.endOfBatch();
            tally.count(d.outcome, expected);
            int n = encoder.encode(fields, d, out, 0);
            request.wipeCav2();
            return n;
        }

    }

    @State(Scope.Thread)
    public static class Approvals extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(cards, i -> fixture.cards.purchase(i, AMOUNT, TestCardSet.ALLOWED_MCC));
        }

        @Setup(Level.Invocation)
        public void expireHolds() {
            fixture.expireEverything();
        }
    }

    @State(Scope.Thread)
    public static class BlockedMcc extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(cards, i -> fixture.cards.purchase(i, AMOUNT, TestCardSet.BLOCKED_MCC));
        }
    }

    @State(Scope.Thread)
    public static class UnknownCard extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(1, i -> fixture.cards.unknownCardPurchase(AMOUNT));
        }
    }

    /** For the codec-only splits: an approval decided once in set-up. */
    @State(Scope.Thread)
    public static class Codec extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            build(cards, i -> fixture.cards.purchase(i, AMOUNT, TestCardSet.ALLOWED_MCC));
            receive();
            answer(Outcome.APPROVED);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long approve(Approvals s) {
        long bytes = 0;
        for (int i = 0; i < BATCH; i++) {
            s.receive();
            bytes += s.answer(Outcome.APPROVED);
        }
        return bytes;
    }

    @Benchmark
    public int declineBlockedMcc(BlockedMcc s) {
        s.receive();
        return s.answer(Outcome.BLOCKED_MERCHANT);
    }

    @Benchmark
    public int declineUnknownCard(UnknownCard s) {
        s.receive();
        return s.answer(Outcome.UNKNOWN_CARD);
    }

    @Benchmark
    public FormatError decodeOnly(Codec s) {
        return s.receive();
    }

    @Benchmark
    public int encodeOnly(Codec s) {
        return s.encoder.encode(s.fields, s.decision, s.out, 0);
    }
}
