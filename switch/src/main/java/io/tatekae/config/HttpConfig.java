package io.tatekae.config;

/** The HTTP listener for metrics and administration; port 0 disables it. */
public record HttpConfig(String host, int port) {
    public boolean enabled() {
        return port != 0;
    }
}
