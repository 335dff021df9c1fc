package io.tatekae.snapshot;

import io.tatekae.engine.LongSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot {@link SnapshotWriter} wrote. {@link #open} checks the whole file's checksum
 * before anything is read from it, so a torn or damaged file is refused whole; then the sections are
 * read in the order they were written.
 */
public final class SnapshotReader implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;
    private static final int HEADER_BYTES = Long.BYTES + Integer.BYTES + Long.BYTES + Long.BYTES;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final long end;
    private final long sequence;
    private final long createdMillis;
    private long position;

    private SnapshotReader(Path path, FileChannel channel, long end, long sequence, long createdMillis) {
        this.path = path;
        this.channel = channel;
        this.end = end;
        this.sequence = sequence;
        this.createdMillis = createdMillis;
        this.position = HEADER_BYTES;
        buffer.limit(0);
    }

    /** Opens and verifies the file. @throws SnapshotException when it is not a whole, valid snapshot */
    public static SnapshotReader open(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            if (size < HEADER_BYTES + Integer.BYTES) {
                throw new SnapshotException("snapshot " + path + ": " + size + " bytes, too short to be one");
            }
            verifyChecksum(path, channel, size);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, 0);
            header.flip();
            if (header.getLong() != SnapshotWriter.MAGIC || header.getInt() != SnapshotWriter.FORMAT) {
                throw new SnapshotException("snapshot " + path + ": not a snapshot of this format");
            }
            SnapshotReader reader = new SnapshotReader(path, channel, size - Integer.BYTES, header.getLong(), header.getLong());
            channel = null;
            return reader;
        } catch (IOException e) {
            throw new SnapshotException("snapshot " + path + ": cannot read it", e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private static void verifyChecksum(Path path, FileChannel channel, long size) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocateDirect(BUFFER_BYTES);
        long at = 0;
        long covered = size - Integer.BYTES;
        while (at < covered) {
            chunk.clear().limit((int) Math.min(BUFFER_BYTES, covered - at));
            readFully(channel, chunk, at);
            chunk.flip();
            at += chunk.remaining();
            crc.update(chunk);
        }
        ByteBuffer stored = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, stored, covered);
        if (stored.flip().getInt() != (int) crc.getValue()) {
            throw new SnapshotException("snapshot " + path + ": checksum does not match (torn or damaged)");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, at + into.position());
            if (n < 0) {
                throw new IOException("file ended early");
            }
        }
    }

    /** The journal sequence the snapshot is at: every record up to it is in it. */
    public long sequence() {
        return sequence;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public Path path() {
        return path;
    }

    /** True when a section follows (a snapshot written before a section existed ends without it). */
    public boolean hasMore() {
        return buffer.hasRemaining() || position < end;
    }

    /** Reads the next section, which must be {@code id}; {@code reader} must take exactly its longs. */
    public void section(int id, Consumer<LongSource> reader) {
        int found = nextInt();
        if (found != id) {
            throw new SnapshotException("snapshot " + path + ": section " + found + " where " + id + " was expected");
        }
        long count = nextLong();
        long[] taken = {0};
        reader.accept(() -> {
            if (taken[0]++ >= count) {
                throw new SnapshotException("snapshot " + path + ": section " + id + " holds " + count + " values, more were read");
            }
            return nextLong();
        });
        if (taken[0] != count) {
            throw new SnapshotException("snapshot " + path + ": section " + id + " holds " + count + " values, "
                    + taken[0] + " were read");
        }
    }

    private long nextLong() {
        fill(Long.BYTES);
        return buffer.getLong();
    }

    private int nextInt() {
        fill(Integer.BYTES);
        return buffer.getInt();
    }

    private void fill(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        try {
            buffer.limit((int) Math.min(buffer.capacity(), buffer.position() + (end - position)));
            while (buffer.position() < bytes && position < end) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                position += n;
            }
        } catch (IOException e) {
            throw new SnapshotException("snapshot " + path + ": cannot read", e);
        }
        buffer.flip();
        if (buffer.remaining() < bytes) {
            throw new SnapshotException("snapshot " + path + ": ends inside a section");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written
        }
    }
}
