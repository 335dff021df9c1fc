package io.tatekae.bench.restart;

import io.tatekae.app.PolicySettingsFactory;
import io.tatekae.app.StartRestore;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.PolicySettings;
import io.tatekae.journal.JournalWriter;
import io.tatekae.state.AccountTable;
import io.tatekae.state.LiveState;

import java.time.Instant;
import java.time.InstantSource;

/**
 * One restart as the switch's start does it (SwitchApp: the state store, the journal writer's open with
 * its torn-tail check, then {@link StartRestore#run}), timed by phase and checked against what the
 * history left: a restart that rebuilt a wrong state reports no time.
 */
final class RestartRun {
    /** The phases' times in nanoseconds, and where the replay started. */
    record Phases(long stateNanos, long journalNanos, long snapshotNanos, long replayNanos, long snapshotSequence,
                  long replayedFrom, long replayedTo, long openHolds) {
        long totalNanos() {
            return stateNanos + journalNanos + snapshotNanos + replayNanos;
        }

        String describe(String label) {
            return String.format("%s: state store %.2f s, journal open %.2f s, snapshot %s %.2f s, replay of %,d records"
                            + " %.2f s; total %.2f s (%,d open holds, checked)",
                    label, stateNanos / 1e9, journalNanos / 1e9,
                    snapshotSequence > 0 ? String.format("at %,d", snapshotSequence) : "(none)", snapshotNanos / 1e9,
                    replayedTo - replayedFrom + 1, replayNanos / 1e9, totalNanos() / 1e9, openHolds);
        }
    }

    private RestartRun() {
    }

    static Phases restart(SwitchConfig config, ExpectedState expected) {
        long started = System.nanoTime();
        PolicySettings policy = PolicySettingsFactory.from(config.policy(), config.holds());
        try (LiveState store = StartRestore.openState(config, policy)) {
            long stateOpen = System.nanoTime();
            try (JournalWriter writer = JournalWriter.open(StartRestore.journal(config))) {
                long committed = writer.committedSequence();
                long journalOpen = System.nanoTime();
                StartRestore.Restored r = StartRestore.run(config, store, policy, committed,
                        InstantSource.fixed(Instant.ofEpochMilli(expected.nowMillis)));
                Phases phases = new Phases(stateOpen - started, journalOpen - stateOpen, r.snapshotNanos(), r.replayNanos(),
                        r.snapshotSequence(), r.replayedFrom(), r.replayedTo(), r.txns().openHolds());
                check(expected, committed, r, store.accounts());
                return phases;
            }
        }
    }

    private static void check(ExpectedState expected, long committed, StartRestore.Restored r, AccountTable accounts) {
        if (committed != expected.records) {
            throw new IllegalStateException("the journal holds " + committed + " records, the history wrote " + expected.records);
        }
        if (r.txns().openHolds() != expected.openCount) {
            throw new IllegalStateException("restart rebuilt " + r.txns().openHolds() + " open holds, the history left "
                    + expected.openCount);
        }
        long total = 0;
        for (int i = 0; i < expected.openHolds.length; i++) {
            if (accounts.openHolds(i) != expected.openHolds[i] || accounts.outstanding(i) != expected.owed[i]) {
                throw new IllegalStateException("account index " + i + ": restart rebuilt open holds " + accounts.openHolds(i)
                        + " and outstanding " + accounts.outstanding(i) + ", the history left " + expected.openHolds[i]
                        + " and " + expected.owed[i]);
            }
            total += expected.openHolds[i];
        }
        if (total <= 0) {
            throw new IllegalStateException("the history left no open amount: nothing was checked");
        }
    }
}
