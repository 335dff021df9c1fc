package io.tatekae.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One ledger poster per journal, in this process or another: an exclusive lock on
 * {@code poster.lock} in the journal folder, released when the holder closes it or its process ends
 * (the operating system drops the lock of a killed process). The file names the holder's process id.
 */
public final class PosterLock implements AutoCloseable {
    public static final String FILE = "poster.lock";
    private static final long RETRY_NANOS = 100_000_000;

    private final FileChannel channel;
    private final FileLock lock;

    private PosterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message naming the holder. */
    public static PosterLock acquire(Path journalDirectory) {
        return acquire(journalDirectory, Duration.ZERO, message -> { });
    }

    /**
     * Takes the lock, waiting up to {@code patience} for its holder to let go (a child poster whose switch
     * was killed drains and exits by itself; the next switch's child waits for it), telling
     * {@code waiting} once who holds it. Fails with a message naming the holder after that.
     */
    public static PosterLock acquire(Path journalDirectory, Duration patience, Consumer<String> waiting) {
        long deadline = System.nanoTime() + patience.toNanos();
        boolean told = false;
        while (true) {
            try {
                return tryAcquire(journalDirectory);
            } catch (HeldException held) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new LedgerException(held.getMessage());
                }
                if (!told) {
                    waiting.accept("waiting up to " + patience.toSeconds() + " s for the poster lock: " + held.getMessage());
                    told = true;
                }
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }

    /** The lock is held by another poster (this process's or another's). */
    private static final class HeldException extends RuntimeException {
        HeldException(String message) {
            super(message, null, false, false);
        }
    }

    private static PosterLock tryAcquire(Path journalDirectory) {
        Path file = journalDirectory.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(journalDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new HeldException("ledger poster: another poster already posts this journal (" + file
                        + " is locked" + (holder.isEmpty() ? "" : " by process " + holder) + "); run one poster per"
                        + " journal: ledger.poster in-process (the switch posts), child (the switch's child process"
                        + " posts) or external (scripts/poster posts)");
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new PosterLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LedgerException("ledger poster: cannot lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the first error is the one reported.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LedgerException("ledger poster: cannot release " + FILE, e);
        }
    }
}
