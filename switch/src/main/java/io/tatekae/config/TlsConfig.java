package io.tatekae.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS on the ISO 8583 listener ({@code server.tls}).
 *
 * @param certificateChain PEM: the server's certificate first, then any intermediates
 * @param privateKey PEM, unencrypted PKCS#8 ("BEGIN PRIVATE KEY")
 * @param trustCertificates PEM: the CA certificates a client's certificate must chain to; null when clientAuth is none
 */
public record TlsConfig(boolean enabled, Path certificateChain, Path privateKey, ClientAuth clientAuth,
                        Path trustCertificates) {
    public static final TlsConfig DISABLED = new TlsConfig(false, null, null, ClientAuth.NONE, null);

    /** Whether the switch asks network links for a certificate (mutual TLS). */
    public enum ClientAuth {
        NONE("none"), OPTIONAL("optional"), REQUIRED("required");

        static final List<String> NAMES = List.of("none", "optional", "required");

        private final String configName;

        ClientAuth(String configName) {
            this.configName = configName;
        }

        static ClientAuth fromConfigName(String name) {
            for (ClientAuth a : values()) {
                if (a.configName.equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown clientAuth " + name);
        }
    }
}
