package io.tatekae.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** Provisioning files for tests that need many plain cards: one account and one card of TARO YAMADA per index. */
public final class ProvisioningFiles {
    private ProvisioningFiles() {
    }

    /**
     * Writes {@code count} accounts ({@code accountPrefix} + index, credit 50,000, good standing) each with
     * one active card ({@code pan} of the index, expiry 2030-12, limit 50,000) to {@code file}.
     */
    public static Path oneCardPerAccount(Path file, int count, String accountPrefix, IntFunction<String> pan)
            throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("{\"type\":\"account\",\"id\":\"").append(accountPrefix).append(i)
                    .append("\",\"creditLimit\":50000,\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true}\n");
            b.append("{\"type\":\"card\",\"pan\":\"").append(pan.apply(i)).append("\",\"expiry\":\"3012\",\"name\":\"TARO YAMADA\",")
                    .append("\"account\":\"").append(accountPrefix).append(i).append("\",\"limit\":50000,\"status\":\"ACTIVE\"}\n");
        }
        Files.writeString(file, b);
        return file;
    }
}
