package io.tatekae.bench.engine;

import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.name.CardholderName;
import io.tatekae.engine.name.NameMatcher;
import io.tatekae.engine.name.NameResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two per-message checks of the decision thread that are not table look-ups: cardholder name
 * matching (a typical typed name, Hepburn vs card spelling, reversed order) and CAV2 verification.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NameAndCav2Benchmark {
    private final byte[] typedName = "yamada  shouta".getBytes(StandardCharsets.US_ASCII);
    private final byte[] pan = "3540990000001007".getBytes(StandardCharsets.US_ASCII);
    private final byte[] cav2 = "394".getBytes(StandardCharsets.US_ASCII);
    private CardholderName card;
    private NameMatcher matcher;
    private Cav2Calculator calculator;

    @Setup
    public void setUp() {
        card = CardholderName.canonicalize("SHOTA YAMADA");
        matcher = new NameMatcher();
        calculator = new Cav2Calculator(CardVerificationKeys.fromHex("0123456789ABCDEF", "FEDCBA9876543210"));
        if (matcher.match(typedName, 0, typedName.length, card) != NameResult.MATCH
            || !calculator.verify(pan, 0, pan.length, 3012, cav2, 0, cav2.length)) {
            throw new IllegalStateException("benchmark inputs do not match");
        }
    }

    @Benchmark
    public NameResult matchTypicalName() {
        return matcher.match(typedName, 0, typedName.length, card);
    }

    @Benchmark
    public boolean verifyCav2() {
        return calculator.verify(pan, 0, pan.length, 3012, cav2, 0, cav2.length);
    }
}
