package io.tatekae.app;

import io.tatekae.billing.BillingSettings;
import io.tatekae.billing.BillingState;
import io.tatekae.config.JournalConfig;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.PolicySettings;
import io.tatekae.journal.JournalTrimmer;
import io.tatekae.snapshot.Snapshotter;

import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Builds the snapshot writer the configuration asks for, wherever the poster runs (also the restart
 * benchmark's, so its snapshots and retention are production's).
 */
public final class Snapshotting {
    private Snapshotting() {
    }

    /**
     * @param postable the last durable journal record (the writer's, or committed.mark in another process)
     * @param posted   the last record in the ledger (the poster's position)
     */
    public static Snapshotter snapshotter(SwitchConfig config, LongSupplier postable, LongSupplier posted, InstantSource clock) {
        JournalConfig journal = config.journal();
        PolicySettings policy = PolicySettingsFactory.from(config.policy(), config.holds());
        JournalTrimmer trimmer = new JournalTrimmer(config.data().journalDir(),
                JournalTrimmer.Mode.valueOf(journal.retention().toUpperCase(Locale.ROOT)), journal.archiveDir());
        Snapshotter.Settings settings = new Snapshotter.Settings(journal.snapshotEveryRecords(),
                TimeUnit.MINUTES.toMillis(journal.snapshotEveryMinutes()), journal.snapshotsKept());
        BillingSettings billing = BillingDriver.settings(config);
        return new Snapshotter(config.data().journalDir(), config.data().snapshotDir(), postable, posted, policy,
                config.holds().maxOpenHolds(), settings, trimmer, clock, () -> new BillingState(billing));
    }
}
