package io.tatekae.net;

/** The transport's bounds; validated by the configuration loader, asserted here. */
public record NetLimits(String host, int port, int idleTimeoutSeconds, int frameDeadlineMillis,
                        int maxConnections, int maxInFlightPerConnection,
                        int writeBufferLowWaterMark, int writeBufferHighWaterMark) {
    public NetLimits {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (idleTimeoutSeconds < 1 || frameDeadlineMillis < 1 || maxConnections < 1 || maxInFlightPerConnection < 1) {
            throw new IllegalArgumentException("transport limits must be positive: " + this);
        }
        if (writeBufferLowWaterMark < 1 || writeBufferHighWaterMark <= writeBufferLowWaterMark) {
            throw new IllegalArgumentException("write buffer marks must satisfy 0 < low < high: " + this);
        }
    }

    public static NetLimits defaults(int port) {
        return new NetLimits("127.0.0.1", port, 300, 5000, 64, 256, 32 * 1024, 64 * 1024);
    }
}
