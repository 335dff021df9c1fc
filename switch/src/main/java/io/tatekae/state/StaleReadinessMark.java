package io.tatekae.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Chronicle Map marks its file "not ready" (the top bit of the little-endian 32-bit word at offset 8,
 * as its published data-store format describes) while it creates the file and while it recovers it.
 * A process killed in between leaves the mark behind, and every later open waits about a minute for
 * it to clear and then fails on the header checksum: the switch could not start again. Only the
 * switch uses its state files, and it calls this only when the last process died (no clean-close
 * marker), so nobody is still working on the file and the mark is stale.
 */
final class StaleReadinessMark {
    private static final long SIZE_WORD_OFFSET = 8;
    private static final int NOT_READY_BIT = 0x8000_0000;

    private StaleReadinessMark() {
    }

    /** Clears a stale not-ready mark; returns true when there was one. */
    static boolean clear(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() < SIZE_WORD_OFFSET + Integer.BYTES) {
                return false;
            }
            ByteBuffer word = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (word.hasRemaining() && channel.read(word, SIZE_WORD_OFFSET + word.position()) >= 0) {
                // read the whole word
            }
            int sizeWord = word.getInt(0);
            if ((sizeWord & NOT_READY_BIT) == 0) {
                return false;
            }
            word.clear();
            word.putInt(0, sizeWord & ~NOT_READY_BIT);
            while (word.hasRemaining()) {
                channel.write(word, SIZE_WORD_OFFSET + word.position());
            }
            channel.force(false);
            return true;
        }
    }
}
