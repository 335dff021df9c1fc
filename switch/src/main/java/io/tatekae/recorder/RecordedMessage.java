package io.tatekae.recorder;

/**
 * One entry of a recording.
 *
 * @param inbound true for a message the switch received, false for one it sent
 * @param epochMicros when it arrived (inbound) or was written (outbound), in microseconds since the epoch
 * @param message the ISO message without its 4-byte frame header, CAV2 removed
 */
public record RecordedMessage(boolean inbound, long epochMicros, long connectionId, byte[] message) {
}
