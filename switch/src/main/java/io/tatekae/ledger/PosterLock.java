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

/**
 * One ledger poster per journal, in this process or another: an exclusive lock on
 * {@code poster.lock} in the journal folder, released when the holder closes it or its process ends
 * (the operating system drops the lock of a killed process). The file names the holder's process id.
 */
public final class PosterLock implements AutoCloseable {
    public static final String FILE = "poster.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private PosterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message naming the holder. */
    public static PosterLock acquire(Path journalDirectory) {
        Path file = journalDirectory.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(journalDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new LedgerException("ledger poster: another poster already posts this journal (" + file
                        + " is locked" + (holder.isEmpty() ? "" : " by process " + holder) + "); run one poster per"
                        + " journal: ledger.poster in-process (the switch posts) or external (scripts/poster posts)");
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
