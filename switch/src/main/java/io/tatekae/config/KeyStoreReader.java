package io.tatekae.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the switch's secret keys from a PKCS12 key store ({@code keys.keyStore}): secret-key
 * entries {@value #PAN_HASH}, {@value #CVK_A} and {@value #CVK_B} holding the raw key bytes, the
 * store and its entries protected by the password in the environment variable {@value #ENV_PASSWORD}. No message ever shows a key or the password.
 */
final class KeyStoreReader {
    static final String ENV_PASSWORD = "TATEKAE_KEYSTORE_PASSWORD";
    static final String PAN_HASH = "pan-hash";
    static final String CVK_A = "cvk-a";
    static final String CVK_B = "cvk-b";
    private static final long MAX_STORE_BYTES = 1 << 20;

    private KeyStoreReader() {
    }

    /** The entries' keys as hex by entry name; empty after reporting a problem at {@code keys.keyStore}. */
    static Map<String, String> read(YamlSection s, String location, Map<String, String> env) {
        String password = env.get(ENV_PASSWORD);
        if (password == null || password.isEmpty()) {
            s.problem("keyStore", "set the key store's password in the environment variable " + ENV_PASSWORD);
            return Map.of();
        }
        Path file;
        try {
            file = Path.of(location).toAbsolutePath().normalize();
        } catch (InvalidPathException invalid) {
            s.problem("keyStore", "not a valid file name: " + invalid.getReason());
            return Map.of();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            s.problem("keyStore", file + (Files.exists(file) ? " is not a readable file" : " does not exist"));
            return Map.of();
        }
        char[] secret = password.toCharArray();
        try {
            return entries(s, file, load(file, secret), secret);
        } catch (IOException | GeneralSecurityException e) {
            s.problem("keyStore", "cannot open " + file + " as a PKCS12 key store with the password of "
                    + ENV_PASSWORD + " (" + reason(e) + ")");
            return Map.of();
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        if (Files.size(file) > MAX_STORE_BYTES) {
            throw new IOException("larger than " + MAX_STORE_BYTES + " bytes");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static Map<String, String> entries(YamlSection s, Path file, KeyStore store, char[] password)
            throws GeneralSecurityException {
        Map<String, String> hex = new HashMap<>();
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
        for (String alias : new String[] {PAN_HASH, CVK_A, CVK_B}) {
            if (!store.containsAlias(alias)) {
                s.problem("keyStore", file + " has no entry '" + alias + "' (needs secret-key entries "
                        + PAN_HASH + ", " + CVK_A + ", " + CVK_B + ")");
            } else if (!store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                s.problem("keyStore", "entry '" + alias + "' of " + file + " is not a secret-key entry");
            } else {
                KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) store.getEntry(alias, protection);
                byte[] key = entry.getSecretKey().getEncoded();
                if (key == null) {
                    s.problem("keyStore", "entry '" + alias + "' of " + file + " does not export its key bytes");
                } else {
                    hex.put(alias, HexFormat.of().withUpperCase().formatHex(key));
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
        return hex;
    }

    /** The exception's kind and message; the JDK's messages here never contain key material. */
    private static String reason(Exception e) {
        Throwable root = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
