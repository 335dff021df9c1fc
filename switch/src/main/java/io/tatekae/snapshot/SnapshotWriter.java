package io.tatekae.snapshot;

import io.tatekae.engine.LongSink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Writes one snapshot: a header (magic, format, journal sequence, time), then sections (an id, the
 * number of longs, the longs), then a CRC32C of everything before it. Written to a temporary file,
 * forced, renamed into place and the folder forced: atomic, so a crash leaves either the whole new
 * snapshot or none. Little endian, streamed through one buffer.
 */
public final class SnapshotWriter implements AutoCloseable {
    static final long MAGIC = 0x54414E5053414B54L; // "TKASPNAT" read backwards: tatekae snapshot
    static final int FORMAT = 1;
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path directory;
    private final long sequence;
    private final Path temporary;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long position;
    private boolean done;

    private SnapshotWriter(Path directory, long sequence, long createdMillis) throws IOException {
        this.directory = directory;
        this.sequence = sequence;
        this.temporary = directory.resolve(SnapshotFiles.path(directory, sequence).getFileName() + SnapshotFiles.TEMPORARY);
        this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        buffer.putLong(MAGIC).putInt(FORMAT).putLong(sequence).putLong(createdMillis);
    }

    /** Starts a snapshot of the state at {@code sequence} (every journal record up to it applied). */
    public static SnapshotWriter begin(Path directory, long sequence, long createdMillis) {
        try {
            Files.createDirectories(directory);
            return new SnapshotWriter(directory, sequence, createdMillis);
        } catch (IOException e) {
            throw new SnapshotException("snapshot " + sequence + " in " + directory + ": cannot start it", e);
        }
    }

    /** Writes one section: {@code content} puts its longs (their number is written before them). */
    public SnapshotWriter section(int id, Consumer<LongSink> content) {
        long[] count = {0};
        content.accept(value -> count[0]++);
        putInt(id);
        putLong(count[0]);
        long[] written = {0};
        content.accept(value -> {
            putLong(value);
            written[0]++;
        });
        if (written[0] != count[0]) {
            throw new SnapshotException("snapshot section " + id + " changed while it was written (" + count[0]
                    + " then " + written[0] + " values)");
        }
        return this;
    }

    /** Writes the checksum, forces the file, and renames it into place; returns its path. */
    public Path complete() {
        try {
            flush();
            buffer.clear();
            buffer.putInt((int) crc.getValue()).flip();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
            channel.close();
            Path target = SnapshotFiles.path(directory, sequence);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            done = true;
            return target;
        } catch (IOException e) {
            throw new SnapshotException("snapshot " + temporary + ": cannot complete it", e);
        }
    }

    private void putLong(long value) {
        if (buffer.remaining() < Long.BYTES) {
            flush();
        }
        buffer.putLong(value);
    }

    private void putInt(int value) {
        if (buffer.remaining() < Integer.BYTES) {
            flush();
        }
        buffer.putInt(value);
    }

    private void flush() {
        buffer.flip();
        crc.update(buffer.duplicate());
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            // Forced per buffer: one force of a whole snapshot (hundreds of MB) would sit in the device's queue
            // ahead of the journal's commits, which share the disk, and stall every authorization for as long.
            channel.force(false);
        } catch (IOException e) {
            throw new SnapshotException("snapshot " + temporary + ": cannot write", e);
        }
        buffer.clear();
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot force a folder; the file itself was forced
        }
    }

    /** Abandons an unfinished snapshot (its temporary file is deleted). */
    @Override
    public void close() {
        if (done) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // a leftover .tmp file is never read
        }
    }
}
