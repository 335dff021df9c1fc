package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerConnections;
import io.tatekae.ledger.LedgerMigrations;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A process for {@link InterruptedMigrationTest}: migrates the ledger given on the command line and,
 * after a few statements of version 1, says so on standard output and waits to be killed mid-migration.
 * Usage: {@code MigrationVictim <jdbcUrl> <user> <password> <statements>}.
 */
public final class MigrationVictim {
    static final String HALF_WAY = "migration half-way";

    private MigrationVictim() {
    }

    public static void main(String[] args) {
        int stopAfter = Integer.parseInt(args[3]);
        LedgerMigrations.migrate(new LedgerConnections(new LedgerConfig(args[0], args[1], args[2])), new Callback() {
            private int statements;

            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_EACH_MIGRATE_STATEMENT;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                if (++statements == stopAfter) {
                    System.out.println(HALF_WAY);
                    System.out.flush();
                    SwitchProcess.sleep(120_000);
                }
            }

            @Override
            public String getCallbackName() {
                return "stop-half-way";
            }
        });
        System.out.println("migration finished (the test should have killed this process)");
    }
}
