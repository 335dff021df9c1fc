package io.tatekae.app;

import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.EngineRecovery;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.HoldEvent;
import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalWriter;
import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.ledger.LedgerPosterConfig;

/**
 * The record of truth: the local journal the decision thread appends to, its replay into the engine
 * at start, and the poster that carries it to the ledger database in the background.
 */
final class MoneyPath implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MoneyPath.class.getName());
    private static final int REPLAY_BATCH = 4096;
    private static final long BATCH_FSYNC_INTERVAL_MS = 10;

    private final JournalWriter writer;
    private final JournalMoneyLog moneyLog;
    private final JdbcLedger ledger;
    private final LedgerPoster poster;

    MoneyPath(SwitchConfig config) {
        JournalConfig journal = new JournalConfig(config.data().journalDir(), config.journal().segmentBytes(),
                Math.max(JournalConfig.DEFAULT_MAX_BATCH_RECORDS, config.pipeline().maxBatch()),
                switch (config.journal().fsync()) {
                    case DURABLE -> FsyncPolicy.DURABLE;
                    case BATCH -> FsyncPolicy.BATCH_MS;
                    case NONE -> FsyncPolicy.NONE;
                }, BATCH_FSYNC_INTERVAL_MS);
        writer = JournalWriter.open(journal);
        moneyLog = new JournalMoneyLog(writer);
        ledger = JdbcLedger.openLazily(new LedgerConfig(config.ledger().url(), config.ledger().user(), config.ledger().password()));
        poster = new LedgerPoster(config.data().journalDir(), writer::committedSequence, ledger,
                LedgerPosterConfig.defaults().withMaxBatch(config.ledger().batchSize()));
    }

    JournalMoneyLog moneyLog() {
        return moneyLog;
    }

    LedgerPoster poster() {
        return poster;
    }

    JdbcLedger ledger() {
        return ledger;
    }

    long committedSequence() {
        return writer.committedSequence();
    }

    /** Replays every committed journal record into the engine's recovery; returns where counters resume. */
    EngineSeed replay(EngineRecovery recovery) {
        long upTo = writer.committedSequence();
        HoldEvent event = new HoldEvent();
        long started = System.nanoTime();
        try (JournalReader reader = JournalReader.open(writer.directory(), 1)) {
            while (reader.nextSequence() <= upTo) {
                int n = reader.poll(r -> {
                    if (JournalMoneyLog.toEvent(r, event)) {
                        recovery.apply(event);
                    }
                }, REPLAY_BATCH, upTo);
                if (n == 0) {
                    break;
                }
            }
        }
        // Approval codes start at counter 1: counter 0 would be "000000", which some acquirers read as no code.
        EngineSeed seed = recovery.finish(new EngineSeed(1, 1));
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, () -> "journal replayed: " + upTo + " records, " + recovery.events()
                + " hold events, in " + millis + " ms; next hold " + seed.nextHoldId());
        return seed;
    }

    void startPoster() {
        poster.start();
    }

    /** Posts what is committed, then closes the journal and the ledger connection. */
    @Override
    public void close() {
        poster.close();
        writer.close();
        ledger.close();
    }
}
