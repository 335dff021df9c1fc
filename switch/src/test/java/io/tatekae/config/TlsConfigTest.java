package io.tatekae.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** server.tls validation: what is required when, and files that must exist and be readable. */
class TlsConfigTest {
    @TempDir
    Path dir;

    private static SwitchConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "switch.yaml", Overrides.NONE, Map.of());
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void tlsIsOffByDefault() {
        assertEquals(TlsConfig.DISABLED, parse("mode: test\n").server().tls());
    }

    @Test
    void enabledTlsWithFilesThatExist() throws Exception {
        Path chain = Files.writeString(dir.resolve("chain.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        Path trust = Files.writeString(dir.resolve("ca.pem"), "x");
        TlsConfig tls = parse("server:\n  tls:\n    enabled: true\n    certificateChain: " + chain + "\n    privateKey: " + key
                + "\n    clientAuth: optional\n    trustCertificates: " + trust + "\n").server().tls();
        assertEquals(new TlsConfig(true, chain, key, TlsConfig.ClientAuth.OPTIONAL, trust), tls);
    }

    @Test
    void enabledTlsNamesWhatIsMissing() {
        assertEquals(List.of(
                "switch.yaml: server.tls.certificateChain: required when server.tls.enabled is true: the PEM file with"
                        + " the server's certificate chain",
                "switch.yaml: server.tls.privateKey: required when server.tls.enabled is true: the PEM file with the"
                        + " server's private key",
                "switch.yaml: server.tls.trustCertificates: required when server.tls.enabled is true: the PEM file with the"
                        + " CA certificates that client certificates must chain to (clientAuth is required)"),
                problems("server:\n  tls:\n    enabled: true\n    clientAuth: required\n"));
    }

    @Test
    void filesThatDoNotExistAndBadChoicesAreNamed() throws Exception {
        Path absent = dir.resolve("absent.pem");
        Path folder = Files.createDirectories(dir.resolve("folder.pem"));
        assertEquals(List.of(
                "switch.yaml: server.tls.clientAuth: \"sometimes\" is not allowed (allowed: none | optional | required) (line 5)",
                "switch.yaml: server.tls.certificateChain: " + absent + " does not exist (expected the PEM file with the"
                        + " server's certificate chain) (line 4)",
                "switch.yaml: server.tls.privateKey: " + folder + " is not a readable file (line 6)"),
                problems("server:\n  tls:\n    enabled: true\n    certificateChain: " + absent
                        + "\n    clientAuth: sometimes\n    privateKey: " + folder + "\n"));
    }

    @Test
    void unknownTlsKeysAreRefused() {
        List<String> problems = problems("server:\n  tls:\n    enabeld: true\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("switch.yaml: server.tls.enabeld: unknown key"), problems.get(0));
    }
}
