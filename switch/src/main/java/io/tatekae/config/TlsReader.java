package io.tatekae.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads {@code server.tls}: when enabled, the PEM files must exist and be readable. */
final class TlsReader {
    private TlsReader() {
    }

    static TlsConfig read(YamlSection s) {
        boolean enabled = Boolean.parseBoolean(s.choice("enabled", "false", List.of("true", "false")));
        TlsConfig.ClientAuth clientAuth = TlsConfig.ClientAuth.fromConfigName(
                s.choice("clientAuth", "none", TlsConfig.ClientAuth.NAMES));
        Path chain = pemFile(s, "certificateChain", enabled, "the server's certificate chain");
        Path key = pemFile(s, "privateKey", enabled, "the server's private key");
        boolean needsTrust = enabled && clientAuth != TlsConfig.ClientAuth.NONE;
        Path trust = pemFile(s, "trustCertificates", needsTrust,
                "the CA certificates that client certificates must chain to (clientAuth is " + clientAuth.name().toLowerCase(Locale.ROOT) + ")");
        if (!enabled) {
            return TlsConfig.DISABLED;
        }
        return new TlsConfig(true, chain, key, clientAuth, needsTrust ? trust : null);
    }

    /** The file's absolute path, or null when absent (a problem when required) or unusable (a problem). */
    private static Path pemFile(YamlSection s, String key, boolean required, String what) {
        String location = s.text(key);
        if (location == null) {
            if (required) {
                s.problem(key, "required when " + s.pathOf("enabled") + " is true: the PEM file with " + what);
            }
            return null;
        }
        Path file;
        try {
            file = Path.of(location).toAbsolutePath().normalize();
        } catch (InvalidPathException invalid) {
            s.problem(key, "not a valid file name: " + invalid.getReason());
            return null;
        }
        if (!required) {
            return file;
        }
        if (!Files.exists(file)) {
            s.problem(key, file + " does not exist (expected the PEM file with " + what + ")");
            return null;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            s.problem(key, file + " is not a readable file");
            return null;
        }
        return file;
    }
}
