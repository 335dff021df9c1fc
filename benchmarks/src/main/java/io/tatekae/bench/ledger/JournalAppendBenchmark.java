package io.tatekae.bench.ledger;

import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.PointsPlan;
import java.io.IOException;
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

/**
 * Cost per journal record of append + commit, committing every {@code batchSize} records: the time
 * per operation is the amortized cost of one record (one fsync per batch under DURABLE).
 * Each iteration writes into a fresh directory that is deleted afterwards, so the disk does not fill.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class JournalAppendBenchmark {
    @Param({"1", "64", "512"})
    int batchSize;

    @Param({"DURABLE", "NONE"})
    FsyncPolicy fsync;

    private final JournalRecord record = new JournalRecord();
    private Path directory;
    private JournalWriter writer;
    private int inBatch;
    private long holdId;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        directory = Files.createTempDirectory("tatekae-journal-bench-");
        writer = JournalWriter.open(new JournalConfig(directory, JournalConfig.DEFAULT_SEGMENT_BYTES,
                Math.max(batchSize, 1), fsync, 0));
        record.clear().type(JournalRecordType.HOLD_PLACED).accountId("A0000001").accountIndex(1).amount(4980)
                .authCode("A1B2C3").rrn("000000123456").stan(1).maskedPan("354000******0001").plan(PointsPlan.STANDARD);
        inBatch = 0;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        writer.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long appendAndCommitEveryBatch() {
        record.holdId(++holdId).eventTimeMillis(holdId);
        long sequence = writer.append(record);
        if (++inBatch == batchSize) {
            inBatch = 0;
            return writer.commit();
        }
        return sequence;
    }
}
