package io.tatekae.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends money events to the journal. Single writer: one thread appends and commits.
 * {@link #append} encodes into a preallocated buffer (no allocation); {@link #commit} writes the batch
 * and forces per the {@link FsyncPolicy}. After an I/O failure the uncommitted batch is discarded, the
 * file is cut back to the last commit, and the exception tells the caller to decline (response 91).
 * When even that fails (a full or failing device) the writer is {@link #broken}: it refuses appends
 * until {@link #tryRepair} manages to cut the files back to the last commit through a new file
 * descriptor, which the caller retries now and then, so the journal works again by itself once the
 * device does.
 */
public final class JournalWriter implements AutoCloseable {
    private static final int RECORD = JournalRecordCodec.RECORD_SIZE;
    /** The page cache's unit (4 KiB base pages on x86-64 and most aarch64 kernels). */
    static final int PAGE_BYTES = 4096;
    private static final long REPAIR_INTERVAL_NANOS = 200_000_000L;
    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());

    private final JournalConfig config;
    private final SegmentFiles files;
    private final JournalRecordCodec codec = new JournalRecordCodec();
    private final ByteBuffer batch;
    private final ByteBuffer zeroPage = ByteBuffer.allocateDirect(PAGE_BYTES);
    private final long recordsPerSegment;
    private FileChannel channel;
    private long segmentFirst;
    /** Records in the current segment already written to the channel (committed or written early). */
    private long segmentWritten;
    private long nextSequence;
    private long committedSegmentFirst;
    private long committedSegmentRecords;
    private volatile long committedSequence;
    private volatile long durableSequence;
    private long lastForceNanos;
    private boolean failed;
    private long nextRepairNanos;
    private SequenceMark postableMark;
    /** Null under {@link FsyncPolicy#NONE}, where nothing is forced and preallocation gains nothing. */
    private final SegmentPreallocator spares;

    private JournalWriter(JournalConfig config, SegmentFiles files, JournalRecovery.State state) throws IOException {
        this.config = config;
        this.files = files;
        this.recordsPerSegment = config.recordsPerSegment();
        // A page more than the records: room for the zeros that complete a write's last page.
        this.batch = ByteBuffer.allocateDirect(config.maxBatchRecords() * RECORD + PAGE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        emptyBatch();
        this.segmentFirst = state.lastSegmentFirst();
        this.nextSequence = state.lastSequence() + 1;
        this.segmentWritten = nextSequence - segmentFirst;
        this.committedSequence = state.lastSequence();
        this.durableSequence = state.lastSequence();
        this.committedSegmentFirst = segmentFirst;
        this.committedSegmentRecords = segmentWritten;
        this.channel = openSegment(segmentFirst);
        this.lastForceNanos = System.nanoTime();
        this.spares = config.fsyncPolicy() == FsyncPolicy.NONE ? null
                : new SegmentPreallocator(config.directory(), config.segmentBytes());
        if (spares != null) {
            preallocateCurrentSegment();
            spares.start();
        }
    }

    /**
     * Zero-fills the rest of the segment appended to now (a start takes tens of milliseconds for it) so
     * its commits flush data only; later segments come from {@link SegmentPreallocator}. A failure (a
     * full device) is not fatal: the segment is cut back and grows as it is written, as without it.
     */
    private void preallocateCurrentSegment() {
        long from = segmentWritten * RECORD;
        try {
            SegmentPreallocator.zeroFill(channel, from, recordsPerSegment * RECORD);
            channel.force(false);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "journal " + config.directory() + ": cannot preallocate the current "
                    + "segment (" + e.getMessage() + "); it grows as it is written");
            try {
                channel.truncate(from);
            } catch (IOException ignored) {
                // recovery cuts zeros after the last valid record anyway
            }
        }
    }

    /** Opens (creating if needed) the journal, recovering a torn tail left by a crash. */
    public static JournalWriter open(JournalConfig config) {
        return open(config, SegmentFiles.DISK);
    }

    /** Same, opening segment files through {@code files} (fault tests). */
    public static JournalWriter open(JournalConfig config, SegmentFiles files) {
        try {
            Files.createDirectories(config.directory());
            return new JournalWriter(config, files, JournalRecovery.recover(config.directory()));
        } catch (IOException e) {
            throw new JournalException("journal " + config.directory() + ": cannot open for writing", e);
        }
    }

    /** Encodes the record with the next sequence into the batch; returns that sequence. */
    public long append(JournalRecord record) {
        if (failed) {
            throw new JournalException("journal " + config.directory() + ": writer failed earlier; reopen it to recover");
        }
        if (record.type() == null) {
            throw new IllegalArgumentException("journal record: type missing (holdId " + record.holdId() + ")");
        }
        if (!batch.hasRemaining()) {
            writeBatch();
        }
        long sequence = nextSequence++;
        codec.encode(record, sequence, batch, batch.position());
        batch.position(batch.position() + RECORD);
        record.sequence(sequence);
        return sequence;
    }

    /** Writes the batch and forces it per the policy; returns the last committed sequence. */
    public long commit() {
        if (failed) {
            throw new JournalException("journal " + config.directory() + ": writer failed earlier; reopen it to recover");
        }
        writeBatch();
        long last = nextSequence - 1;
        if (last == committedSequence) {
            return last;
        }
        try {
            if (shouldForce()) {
                channel.force(false);
                lastForceNanos = System.nanoTime();
                durableSequence = last;
            }
        } catch (IOException e) {
            throw fail("cannot force", e);
        }
        committedSegmentFirst = segmentFirst;
        committedSegmentRecords = segmentWritten;
        committedSequence = last;
        publishPostable();
        return last;
    }

    /**
     * Under {@link FsyncPolicy#BATCH_MS}: forces records committed since the last force once the interval
     * has passed, so an idle journal still becomes durable (and postable). Call it periodically from the
     * writing thread; a failure leaves them unforced and is retried on the next call.
     */
    public void forceIfDue() {
        if (failed || config.fsyncPolicy() != FsyncPolicy.BATCH_MS || durableSequence == committedSequence || !shouldForce()) {
            return;
        }
        try {
            channel.force(false);
            lastForceNanos = System.nanoTime();
            durableSequence = committedSequence;
            publishPostable();
        } catch (IOException e) {
            lastForceNanos = System.nanoTime();
        }
    }

    /**
     * The last sequence a ledger poster may post: one that a crash of this machine cannot take back.
     * Under {@link FsyncPolicy#BATCH_MS} that is the last forced one; under {@code DURABLE} every commit
     * is forced; under {@code NONE} (tests and benchmarks) nothing ever is, so it is the committed one.
     */
    public long postableSequence() {
        return config.fsyncPolicy() == FsyncPolicy.BATCH_MS ? durableSequence : committedSequence;
    }

    /** Publishes {@link #postableSequence()} to {@code mark} now and after every commit (for a poster in another process). */
    public void publishPostableTo(SequenceMark mark) {
        postableMark = mark;
        publishPostable();
    }

    private void publishPostable() {
        if (postableMark != null) {
            postableMark.publish(postableSequence());
        }
    }

    /** True after a failure the writer could not clean up: appends are refused until {@link #tryRepair} succeeds. */
    public boolean broken() {
        return failed;
    }

    /**
     * For a {@link #broken} writer, at most every 200 ms: closes the segment, deletes segments begun
     * after the last commit, cuts the committed segment back to the last commit (and forces that)
     * through a newly opened descriptor — Linux reports a write-back error once per descriptor, so the
     * old one proves nothing — and appends from there again. True when the writer works again.
     */
    public boolean tryRepair() {
        long now = System.nanoTime();
        if (!failed || now - nextRepairNanos < 0) {
            return !failed;
        }
        nextRepairNanos = now + REPAIR_INTERVAL_NANOS;
        try {
            closeQuietly(channel);
            for (long first : JournalSegments.list(config.directory())) {
                if (first > committedSegmentFirst) {
                    Files.deleteIfExists(JournalSegments.path(config.directory(), first));
                }
            }
            FileChannel reopened = files.open(JournalSegments.path(config.directory(), committedSegmentFirst));
            try {
                reopened.truncate(committedSegmentRecords * RECORD);
                if (config.fsyncPolicy() != FsyncPolicy.NONE) {
                    reopened.force(true);
                }
            } catch (IOException e) {
                closeQuietly(reopened);
                throw e;
            }
            channel = reopened;
            segmentFirst = committedSegmentFirst;
            segmentWritten = committedSegmentRecords;
            nextSequence = committedSequence + 1;
            emptyBatch();
            failed = false;
            LOG.log(System.Logger.Level.WARNING, () -> "journal " + config.directory() + ": repaired, appending again after "
                    + "sequence " + committedSequence);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // the descriptor is gone either way
        }
    }

    /** Last sequence written by a successful commit; safe to read from any thread. */
    public long committedSequence() {
        return committedSequence;
    }

    /** Last sequence known forced to the device (equals committed under DURABLE). */
    public long durableSequence() {
        return durableSequence;
    }

    public Path directory() {
        return config.directory();
    }

    /** True when the next roll will rename a prepared spare (tests wait for it). */
    boolean spareReady() {
        return spares != null && spares.ready();
    }

    @Override
    public void close() {
        if (spares != null) {
            spares.close();
        }
        if (!channel.isOpen()) {
            return;
        }
        try {
            if (!failed && batch.position() > 0) {
                commit();
            }
            if (!failed && config.fsyncPolicy() != FsyncPolicy.NONE) {
                channel.truncate(segmentWritten * RECORD); // the preallocated zeros: a stopped journal ends at its last record
                channel.force(true);
                durableSequence = committedSequence;
                publishPostable();
            }
            channel.close();
        } catch (IOException e) {
            throw new JournalException("journal " + config.directory() + ": cannot close", e);
        }
    }

    private boolean shouldForce() {
        return switch (config.fsyncPolicy()) {
            case DURABLE -> true;
            case NONE -> false;
            case BATCH_MS -> System.nanoTime() - lastForceNanos >= config.fsyncIntervalMs() * 1_000_000L;
        };
    }

    private void writeBatch() {
        batch.flip();
        try {
            while (batch.hasRemaining()) {
                if (segmentWritten >= recordsPerSegment) {
                    roll();
                }
                int records = (int) Math.min(batch.remaining() / RECORD, recordsPerSegment - segmentWritten);
                int limit = batch.limit();
                int end = batch.position() + records * RECORD;
                long position = segmentWritten * RECORD;
                int zeros = end == limit ? zerosToPageEnd(position + records * RECORD) : 0;
                batch.limit(end + zeros);
                batch.put(end, zeroPage, 0, zeros);
                while (batch.hasRemaining()) {
                    position += channel.write(batch, position);
                }
                batch.limit(limit);
                segmentWritten += records;
            }
            emptyBatch();
        } catch (IOException e) {
            throw fail("cannot write", e);
        }
    }

    /** Empties the batch, keeping its last page free for {@link #zerosToPageEnd}. */
    private void emptyBatch() {
        batch.clear().limit(batch.capacity() - PAGE_BYTES);
    }

    /**
     * How many zeros to write after the batch's last record: up to the end of its page in the file, not past
     * the segment. A write that ends inside a page the page cache has dropped makes the kernel read that page
     * from the disk first, on the writing thread, in the middle of a commit (seen on this machine: a 4 KiB
     * read every few milliseconds at 20,000/s); a write that covers the page to its end needs no read. Only
     * when segments are preallocated (a forcing policy): there the disk already holds those zeros, so the
     * file's content does not change. A segment whose preallocation failed grows by the zeros instead, as
     * preallocation would have grown it, and recovery ends the journal at its last record either way.
     */
    private int zerosToPageEnd(long fileEnd) {
        if (spares == null) {
            return 0;
        }
        long pageEnd = Math.min((fileEnd + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES, recordsPerSegment * RECORD);
        return (int) Math.max(0, pageEnd - fileEnd);
    }

    private void roll() throws IOException {
        if (config.fsyncPolicy() != FsyncPolicy.NONE) {
            channel.force(false);
        }
        channel.close();
        segmentFirst += segmentWritten;
        segmentWritten = 0;
        Path next = JournalSegments.path(config.directory(), segmentFirst);
        if (spares != null && spares.moveReadyTo(next)) {
            channel = files.open(next);
            forceDirectory();
        } else {
            channel = openSegment(segmentFirst);
        }
    }

    private FileChannel openSegment(long first) throws IOException {
        Path path = JournalSegments.path(config.directory(), first);
        FileChannel opened = files.open(path);
        if (config.fsyncPolicy() != FsyncPolicy.NONE && opened.size() == 0) {
            forceDirectory();
        }
        return opened;
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(config.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot force a directory; the segment's own force still covers its data.
        }
    }

    /** Drops the uncommitted batch and cuts the files back to the last commit so a retry starts clean. */
    private JournalException fail(String what, IOException cause) {
        emptyBatch();
        nextSequence = committedSequence + 1;
        try {
            if (segmentFirst != committedSegmentFirst) {
                channel.close();
                for (long first : JournalSegments.list(config.directory())) {
                    if (first > committedSegmentFirst) {
                        Files.deleteIfExists(JournalSegments.path(config.directory(), first));
                    }
                }
                segmentFirst = committedSegmentFirst;
                channel = openSegment(segmentFirst);
            }
            channel.truncate(committedSegmentRecords * RECORD);
            segmentWritten = committedSegmentRecords;
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            failed = true;
        }
        return new JournalException("journal " + config.directory() + ": " + what + " (last committed sequence "
                + committedSequence + ")", cause);
    }
}
