package io.tatekae.bench.ledger;

import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.PointsPlan;
import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerPoster;
import io.tatekae.ledger.LedgerPosterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Holds per second the poster moves from a pre-written journal into a ledger.
 * Usage: {@code PosterThroughput <holds> <maxBatch> [jdbcUrl user password]} (default: SQLite in a temp folder).
 */
public final class PosterThroughput {
    private PosterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int holds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int maxBatch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = Files.createTempDirectory("tatekae-poster-bench-");
        try {
            LedgerConfig ledgerConfig = args.length > 2 ? new LedgerConfig(args[2], args.length > 3 ? args[3] : "",
                    args.length > 4 ? args[4] : "") : LedgerConfig.sqlite(dir);
            JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0);
            try (JournalWriter writer = JournalWriter.open(journal); JdbcLedger ledger = JdbcLedger.open(ledgerConfig)) {
                writeHolds(writer, holds);
                long start = System.nanoTime();
                try (LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger,
                        LedgerPosterConfig.defaults().withMaxBatch(maxBatch)).start()) {
                    while (poster.lag() > 0) {
                        Thread.sleep(10);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("%s: %d holds in %.2f s = %.0f holds/s (batch %d, %d batches, %d failures)%n",
                            ledgerConfig.dialect(), holds, seconds, holds / seconds, maxBatch, poster.batches(), poster.failures());
                }
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void writeHolds(JournalWriter writer, int holds) {
        JournalRecord record = new JournalRecord();
        for (int i = 1; i <= holds; i++) {
            record.clear().type(JournalRecordType.HOLD_PLACED).holdId(i).accountId("A" + (i % 10_000)).amount(100 + i % 5000)
                    .plan(PointsPlan.STANDARD).eventTimeMillis(System.currentTimeMillis()).maskedPan("354000******0001");
            writer.append(record);
            if (i % 512 == 0) {
                writer.commit();
            }
        }
        writer.commit();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
