package io.tatekae.bench.replay;

/**
 * A request from a recording with the response the switch gave then (null when the recording has
 * none: the response was not recorded, or the connection closed first).
 */
record RecordedExchange(long epochMicros, long connectionId, ReplayMessage request, ReplayMessage recordedResponse) {
}
