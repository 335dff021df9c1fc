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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Holds per second the poster moves from a pre-written journal into a ledger, and the CPU its thread
 * spends per hold. Usage: {@code PosterThroughput <holds> <maxBatch> [--accounts=N] [jdbcUrl user password]}
 * (default: SQLite in a temp folder; the holds go round-robin over N accounts, 10,000 by default — the
 * load tester's pattern, a different card each request, is N = holds). A small {@code maxBatch} (20) is
 * roughly what the poster's batches are at fixed rates: it polls again as soon as it has committed and
 * takes what the journal committed meanwhile.
 */
public final class PosterThroughput {
    private PosterThroughput() {
    }

    public static void main(String[] options) throws Exception {
        int accounts = 10_000;
        List<String> positional = new ArrayList<>();
        for (String option : options) {
            if (option.startsWith("--accounts=")) {
                accounts = Integer.parseInt(option.substring("--accounts=".length()));
            } else {
                positional.add(option);
            }
        }
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts must be at least 1, was " + accounts);
        }
        String[] args = positional.toArray(String[]::new);
        int holds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int maxBatch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = Files.createTempDirectory("tatekae-poster-bench-");
        try {
            LedgerConfig ledgerConfig = args.length > 2 ? new LedgerConfig(args[2], args.length > 3 ? args[3] : "",
                    args.length > 4 ? args[4] : "") : LedgerConfig.sqlite(dir);
            JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0);
            try (JournalWriter writer = JournalWriter.open(journal); JdbcLedger ledger = JdbcLedger.open(ledgerConfig)) {
                writeHolds(writer, holds, accounts);
                long start = System.nanoTime();
                try (LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger,
                        LedgerPosterConfig.defaults().withMaxBatch(maxBatch)).start()) {
                    long posterThread = posterThreadId();
                    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                    long cpuAtStart = threads.getThreadCpuTime(posterThread);
                    while (poster.lag() > 0) {
                        Thread.sleep(10);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuMicrosPerHold = (threads.getThreadCpuTime(posterThread) - cpuAtStart) / 1e3 / holds;
                    System.out.printf("%s: %d holds over %d accounts in %.2f s = %.0f holds/s, poster thread CPU %.1f us/hold"
                                    + " (batch %d, %d batches, %d failures)%n", ledgerConfig.dialect(), holds, accounts, seconds,
                            holds / seconds, cpuMicrosPerHold, maxBatch, poster.batches(), poster.failures());
                }
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The poster's thread; its CPU is read from just after its start (its start-up audit of an empty ledger costs next to nothing). */
    private static long posterThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ledger-poster"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no ledger-poster thread")).threadId();
    }

    private static void writeHolds(JournalWriter writer, int holds, int accounts) {
        JournalRecord record = new JournalRecord();
        for (int i = 1; i <= holds; i++) {
            record.clear().type(JournalRecordType.HOLD_PLACED).holdId(i).accountId("A" + (i % accounts)).amount(100 + i % 5000)
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
