package io.tatekae.config;

/**
 * The ISO 8583 TCP listener.
 *
 * @param port 0 binds any free port (tests)
 * @param frameDeadlineMillis a frame whose first byte has arrived must be complete within this time
 */
public record ServerConfig(
        String host,
        int port,
        int idleTimeoutSeconds,
        int frameDeadlineMillis,
        int maxConnections,
        int maxInFlightPerConnection,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark) {
}
