package io.tatekae.testsupport;

import io.tatekae.journal.SegmentFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Journal segment files whose writes, forces and truncations fail on demand, the way a full or
 * failing device fails them (ENOSPC, EIO): flip a flag and every channel it opened, and every one it
 * opens while the flag is set, throws from then on; clear it and they work again.
 */
public final class FaultyDisk implements SegmentFiles {
    /** Writes fail: "No space left on device". */
    public volatile boolean full;
    /** Forces (fsync) fail: "Input/output error". */
    public volatile boolean forceFails;
    /** Truncation fails too, so the writer cannot cut a failed batch back (it is left broken). */
    public volatile boolean truncateFails;
    /** Opening a segment fails. */
    public volatile boolean openFails;
    /** Where the last positional write that succeeded ended, in its file (tests of how writes are aligned). */
    public volatile long lastWriteEnd = -1;

    public void heal() {
        full = false;
        forceFails = false;
        truncateFails = false;
        openFails = false;
    }

    @Override
    public FileChannel open(Path segment) throws IOException {
        if (openFails) {
            throw new IOException(segment + ": Input/output error (injected)");
        }
        return new Channel(DISK.open(segment));
    }

    private final class Channel extends FileChannel {
        private final FileChannel disk;

        Channel(FileChannel disk) {
            this.disk = disk;
        }

        private void checkWrite() throws IOException {
            if (full) {
                throw new IOException("No space left on device (injected)");
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkWrite();
            int written = disk.write(src, position);
            lastWriteEnd = position + written;
            return written;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            checkWrite();
            return disk.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            checkWrite();
            return disk.write(srcs, offset, length);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (forceFails) {
                throw new IOException("Input/output error (injected fsync failure)");
            }
            disk.force(metaData);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (truncateFails) {
                throw new IOException("Input/output error (injected truncate failure)");
            }
            disk.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return disk.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return disk.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return disk.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return disk.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            disk.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return disk.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return disk.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            checkWrite();
            return disk.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("the journal writer does not map segments");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return disk.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return disk.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            disk.close();
        }
    }
}
