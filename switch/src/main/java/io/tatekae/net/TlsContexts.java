package io.tatekae.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tatekae.config.TlsConfig;

import javax.net.ssl.SSLException;

/** The listener's TLS context from {@code server.tls} (JDK provider, TLS 1.3 and 1.2). */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** Null when TLS is off; otherwise the context, or an exception naming the files that would not load. */
    static SslContext server(TlsConfig tls) {
        if (!tls.enabled()) {
            return null;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (tls.clientAuth() != TlsConfig.ClientAuth.NONE) {
                b.trustManager(tls.trustCertificates().toFile())
                        .clientAuth(tls.clientAuth() == TlsConfig.ClientAuth.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("server.tls: cannot use certificateChain " + tls.certificateChain()
                    + ", privateKey " + tls.privateKey()
                    + (tls.trustCertificates() == null ? "" : " and trustCertificates " + tls.trustCertificates())
                    + " (PEM files; the key unencrypted PKCS#8): " + e.getMessage(), e);
        }
    }
}
