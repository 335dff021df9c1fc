package io.tatekae.config;

/**
 * The ISO 8583 TCP listener.
 *
 * @param port 0 binds any free port (tests)
 * @param frameDeadlineMillis a frame whose first byte has arrived must be complete within this time
 * @param tls TLS on the listener, {@link TlsConfig#DISABLED} for plain TCP
 */
public record ServerConfig(
        String host,
        int port,
        int idleTimeoutSeconds,
        int frameDeadlineMillis,
        int maxConnections,
        int maxInFlightPerConnection,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark,
        TlsConfig tls) {

    /** Plain TCP. */
    public ServerConfig(String host, int port, int idleTimeoutSeconds, int frameDeadlineMillis, int maxConnections,
                        int maxInFlightPerConnection, int writeBufferLowWaterMark, int writeBufferHighWaterMark) {
        this(host, port, idleTimeoutSeconds, frameDeadlineMillis, maxConnections, maxInFlightPerConnection,
                writeBufferLowWaterMark, writeBufferHighWaterMark, TlsConfig.DISABLED);
    }
}
