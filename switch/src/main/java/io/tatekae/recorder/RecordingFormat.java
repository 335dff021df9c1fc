package io.tatekae.recorder;

import java.nio.charset.StandardCharsets;

/**
 * The recording file (docs/replay.md): the 8-byte magic {@code TKREC001}, then entries, each
 * <pre>
 *   1 byte   direction: 'I' received by the switch, 'O' sent by the switch
 *   8 bytes  time, microseconds since the epoch (big-endian)
 *   8 bytes  connection id (big-endian)
 *   2 bytes  message length n (big-endian, unsigned)
 *   n bytes  the ISO message without its frame header, CAV2 zeroed
 * </pre>
 */
public final class RecordingFormat {
    public static final byte[] MAGIC = "TKREC001".getBytes(StandardCharsets.US_ASCII);
    public static final byte INBOUND = 'I';
    public static final byte OUTBOUND = 'O';
    public static final int ENTRY_HEADER_BYTES = 1 + 8 + 8 + 2;

    private RecordingFormat() {
    }
}
