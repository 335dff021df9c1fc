package io.tatekae.ledger;

import java.time.Duration;

/**
 * How the poster feeds the ledger.
 *
 * @param maxBatch       journal records per ledger transaction
 * @param idleWait       pause when the journal has nothing new
 * @param initialBackoff first pause after a database failure; doubled on each further failure
 * @param maxBackoff     cap of that pause
 * @param drainTimeout   how long {@code close()} keeps posting what was committed before it gives up
 * @param auditInterval  how often the poster checks every account's totals against its rows (also at start)
 * @param commitInterval the least time between two ledger transactions unless the batch is full (zero: none);
 *                       at low rates it gathers a few more records into each commit, which saves the poster
 *                       CPU; longer waits make larger flushes, which on a disk shared with the journal
 *                       lengthened its slow commits (docs/benchmarks.md)
 */
public record LedgerPosterConfig(int maxBatch, Duration idleWait, Duration initialBackoff, Duration maxBackoff,
                                 Duration drainTimeout, Duration auditInterval, Duration commitInterval) {
    /** The most a commit may be put off: the ledger (and the admin API reading it) stays this close to the journal. */
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofSeconds(10);

    public LedgerPosterConfig {
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("ledger poster maxBatch: " + maxBatch + " must be 1..10000");
        }
        requirePositive("idleWait", idleWait);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("drainTimeout", drainTimeout);
        requirePositive("auditInterval", auditInterval);
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            throw new IllegalArgumentException("ledger poster commitInterval: " + commitInterval + " must be 0.." + MAX_COMMIT_INTERVAL);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("ledger poster maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
    }

    public static LedgerPosterConfig defaults() {
        return new LedgerPosterConfig(500, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ZERO);
    }

    public LedgerPosterConfig withMaxBatch(int records) {
        return new LedgerPosterConfig(records, idleWait, initialBackoff, maxBackoff, drainTimeout, auditInterval, commitInterval);
    }

    public LedgerPosterConfig withBackoff(Duration initial, Duration max) {
        return new LedgerPosterConfig(maxBatch, idleWait, initial, max, drainTimeout, auditInterval, commitInterval);
    }

    public LedgerPosterConfig withDrainTimeout(Duration timeout) {
        return new LedgerPosterConfig(maxBatch, idleWait, initialBackoff, maxBackoff, timeout, auditInterval, commitInterval);
    }

    public LedgerPosterConfig withCommitInterval(Duration interval) {
        return new LedgerPosterConfig(maxBatch, idleWait, initialBackoff, maxBackoff, drainTimeout, auditInterval, interval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("ledger poster " + name + ": " + value + " must be a positive duration");
        }
    }
}
