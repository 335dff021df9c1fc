package io.tatekae.bench.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.tatekae.state.AccountState;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.CreditLine;
import io.tatekae.state.MaskedPan;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

/**
 * Decision-thread operations on the persisted Chronicle Map store. Run with the JVM flags from
 * config/jvm.properties, e.g.
 * {@code java -jar benchmarks/target/benchmarks.jar StateStoreBenchmark -prof gc -jvmArgsAppend "$FLAGS"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateStoreBenchmark {
    private static final byte[] KEY = "benchmark-pan-hash-key-32-bytes!".getBytes(StandardCharsets.US_ASCII);

    @Param({"10000"})
    int cards;

    private Path dir;
    private StateStore store;
    private PanKey[] keys;
    private byte[][] pans;
    private int next;
    private final PanHasher hasher = new PanHasher(KEY);
    private final PanKey panKey = new PanKey();
    private final CardState card = new CardState();
    private final AccountState account = new AccountState();

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = Files.createTempDirectory("tatekae-state-bench");
        int accounts = cards / 2;
        store = new ChronicleStateStore(dir, cards, accounts);
        for (int a = 0; a < accounts; a++) {
            AccountState acct = new AccountState().creditLimit(50_000).kycVerified(true);
            acct.id().set("B" + a);
            store.addAccount(acct);
        }
        keys = new PanKey[cards];
        pans = new byte[cards][];
        for (int c = 0; c < cards; c++) {
            String pan = String.format("3540%012d", c);
            pans[c] = pan.getBytes(StandardCharsets.US_ASCII);
            CardState cs = new CardState().expiryYymm(3012).status(CardStatus.ACTIVE).limit(30_000).accountIndex(c / 2);
            hasher.hash(pan, cs.panKey());
            keys[c] = new PanKey().copyFrom(cs.panKey());
            cs.maskedPan().set(MaskedPan.of(pan));
            cs.name().set("TARO YAMADA");
            store.writeCard(cs);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == cards ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public long readCardAndAccount() {
        store.readCard(keys[nextIndex()], card);
        store.readAccount(card.accountIndex(), account);
        return CreditLine.availableCredit(card, account);
    }

    @Benchmark
    public long writeAccount() {
        store.readAccount(nextIndex() / 2, account);
        account.openHolds(account.openHolds() + 1);
        store.writeAccount(account);
        return account.openHolds();
    }

    @Benchmark
    public int writeCardVelocity() {
        store.readCard(keys[nextIndex()], card);
        card.velocity().record(next);
        store.writeCard(card);
        return card.velocity().count();
    }

    @Benchmark
    public long hashPan() {
        byte[] pan = pans[nextIndex()];
        return hasher.hash(pan, 0, pan.length, panKey).lo();
    }
}
