package io.tatekae.bench.support;

import io.tatekae.app.CardProvisioner;
import io.tatekae.engine.AuthorizationEngine;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.MoneyLog;
import io.tatekae.engine.PolicySettings;
import io.tatekae.engine.TxnTable;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.LiveState;
import io.tatekae.state.PanHasher;
import io.tatekae.state.provision.ProvisioningReport;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * An {@link AuthorizationEngine} wired as {@code SwitchApp} wires it (Chronicle state store in a temporary
 * folder, cards loaded by {@link CardProvisioner}, keyed PAN hash, CAV2 under the published test keys,
 * the default policy except velocity 32 per hour and a hold lifetime of 0 days, a {@link TxnTable} of the
 * configuration's default size), over a clock the benchmark moves. Money changes go to a counting log.
 */
public final class EngineFixture implements AutoCloseable {
    public static final String PAN_HASH_KEY_HEX = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    public static final String CVK_A = "0123456789ABCDEF";
    public static final String CVK_B = "FEDCBA9876543210";
    /** holds.maxOpenHolds default in config/switch.yaml. */
    public static final int TXN_TABLE_ENTRIES = 1_000_000;
    /** pipeline.maxBatch default. */
    public static final int MAX_BATCH = 256;
    /** 2026-11-23 12:00 JST. */
    private static final long START_MILLIS = Instant.parse("2026-11-23T03:00:00Z").toEpochMilli();

    public final ManualClock clock = new ManualClock(START_MILLIS);
    public final CountingMoneyLog money = new CountingMoneyLog();
    public final TxnTable txns;
    public final AuthorizationEngine engine;
    public final TestCardSet cards;
    private final Path dir;
    private final ChronicleStateStore store;

    public EngineFixture(int cardCount) {
        this(cardCount, TXN_TABLE_ENTRIES);
    }

    /** @param txnTableEntries the transaction table's size (holds.maxOpenHolds) */
    public EngineFixture(int cardCount, int txnTableEntries) {
        txns = new TxnTable(txnTableEntries);
        try {
            dir = Files.createTempDirectory("tatekae-engine-bench");
            cards = new TestCardSet(cardCount);
            store = new ChronicleStateStore(dir, cardCount + 16, cardCount + 16);
            PanHasher hasher = new PanHasher(HexFormat.of().parseHex(PAN_HASH_KEY_HEX));
            ProvisioningReport report = new CardProvisioner(store, hasher).load(new StringReader(cards.provisioningJsonLines()));
            if (!report.allLinesUsed()) {
                throw new IllegalStateException("provisioning rejected lines: " + report.describe());
            }
            Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex(CVK_A, CVK_B));
            PolicySettings policy = PolicySettings.builder().velocity(32, 1).holdLifetimeDays(0).build();
            LiveState live = new LiveState(store, cardCount + 16, cardCount + 16, policy.velocityMaxApprovals());
            engine = new AuthorizationEngine(live, hasher, cav2, policy, clock, money, txns,
                    new EngineSeed(1, 0), MAX_BATCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Releases every open hold and forgets every remembered request, as the engine's timer work would
     * once holds are past their lifetime: moves the clock on by more than the velocity window (so no
     * card's earlier approvals count any more) and ticks until the table is empty. Allocates nothing.
     */
    public void expireEverything() {
        clock.advance(3_600_001L);
        while (txns.size() > 0) {
            engine.onTick();
        }
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock the benchmark moves by hand (the engine reads it once per decision). */
    public static final class ManualClock implements InstantSource {
        private long millis;

        ManualClock(long millis) {
            this.millis = millis;
        }

        public void advance(long byMillis) {
            millis += byMillis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    /** Counts what the engine journals; the benchmarks check the counts against what they expect. */
    public static final class CountingMoneyLog implements MoneyLog {
        public long placed;
        public long released;
        public long commits;

        @Override
        public void record(HoldEvent event) {
            if (event.kind == HoldEvent.Kind.PLACED) {
                placed++;
            } else {
                released++;
            }
        }

        @Override
        public boolean commit() {
            commits++;
            return true;
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
