package io.tatekae.recorder;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a recording (see {@link RecordingFormat}); a torn last entry (the switch stopped mid-write) is ignored. */
public final class RecordingReader {
    /** A limit on what is read into memory at once. */
    public static final int MAX_ENTRIES = 10_000_000;

    private RecordingReader() {
    }

    public static List<RecordedMessage> read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[RecordingFormat.MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, RecordingFormat.MAGIC)) {
                throw new IOException(file + " is not a tatekae recording (it does not start with TKREC001)");
            }
            List<RecordedMessage> entries = new ArrayList<>();
            while (entries.size() < MAX_ENTRIES) {
                int direction = in.read();
                if (direction < 0) {
                    break;
                }
                if (direction != RecordingFormat.INBOUND && direction != RecordingFormat.OUTBOUND) {
                    throw new IOException(file + ": entry " + (entries.size() + 1) + " has direction byte "
                            + direction + " (expected 'I' or 'O')");
                }
                try {
                    long micros = in.readLong();
                    long connection = in.readLong();
                    byte[] message = new byte[in.readUnsignedShort()];
                    in.readFully(message);
                    entries.add(new RecordedMessage(direction == RecordingFormat.INBOUND, micros, connection, message));
                } catch (EOFException torn) {
                    break;
                }
            }
            return entries;
        }
    }
}
