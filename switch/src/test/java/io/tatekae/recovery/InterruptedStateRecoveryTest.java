package io.tatekae.recovery;

import io.tatekae.state.ChronicleStateStore;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What CrashTest caught in the state files: a switch killed while Chronicle Map repaired a file at
 * start-up (the file kept Chronicle's not-ready mark; the next start waited a minute and then failed on
 * the header checksum), and one killed while it rewrote an account (recovery deleted the torn entry).
 * Either way the switch must start again, with the cards and the money as they were.
 */
class InterruptedStateRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void aStateFileLeftMarkedNotReadyByAKilledRecoveryOpensWithItsCards() throws IOException {
        long available;
        try (TestSwitch sw = TestSwitch.start(dataDir); IsoTestClient c = sw.connectSignedOn()) {
            Wire.assertApproved(c.request(Wire.purchase(TestCards.SPARE, 1_234)));
            available = Wire.available(c, TestCards.SPARE);
        }
        Path state = dataDir.resolve("state");
        assertTrue(Files.deleteIfExists(state.resolve("closed-cleanly")), "clean-close marker (the last stop was clean)");
        markNotReady(state.resolve(ChronicleStateStore.CARDS_FILE));

        try (TestSwitch sw = TestSwitch.builder(dataDir).cards(null).start(); IsoTestClient c = sw.connectSignedOn()) {
            assertEquals(available, Wire.available(c, TestCards.SPARE), "cards, accounts and holds survive");
            Wire.assertApproved(c.request(Wire.purchase(TestCards.SPARE, 100)));
        }
    }

    /**
     * A kill in the middle of rewriting an account (every approval does) tears its value. With entry
     * checksums Chronicle's recovery deleted the whole account and the switch refused to start; the
     * money fields are the journal's to rebuild, so the account must come back with the right credit.
     */
    @Test
    void anAccountTornMidWriteComesBackWithTheJournalsCredit() throws IOException {
        long available;
        try (TestSwitch sw = TestSwitch.start(dataDir); IsoTestClient c = sw.connectSignedOn()) {
            Wire.assertApproved(c.request(Wire.purchase(TestCards.SPARE, 2_345)));
            available = Wire.available(c, TestCards.SPARE);
        }
        Path state = dataDir.resolve("state");
        assertTrue(Files.deleteIfExists(state.resolve("closed-cleanly")), "clean-close marker (the last stop was clean)");
        tearOpenHolds(state.resolve(ChronicleStateStore.ACCOUNTS_FILE), TestCards.SPARE.account);

        try (TestSwitch sw = TestSwitch.builder(dataDir).cards(null).start(); IsoTestClient c = sw.connectSignedOn()) {
            assertEquals(available, Wire.available(c, TestCards.SPARE), "the journal's open holds, not the torn bytes");
        }
    }

    /**
     * Overwrites half of the account's open-holds field in place, as a write cut short would leave it
     * (value layout of AccountStateMarshaller: version, index, id length, 16 id bytes, plan, status,
     * kyc, credit limit, outstanding, open holds).
     */
    private static void tearOpenHolds(Path file, String accountId) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] id = Arrays.copyOf(accountId.getBytes(StandardCharsets.US_ASCII), 16);
        int at = -1;
        for (int i = 1; i + id.length <= bytes.length && at < 0; i++) {
            if (bytes[i - 1] == accountId.length() && Arrays.equals(bytes, i, i + id.length, id, 0, id.length)) {
                at = i;
            }
        }
        assertTrue(at > 0, "account " + accountId + " not found in " + file);
        int openHolds = at + id.length + 3 + 16;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            assertEquals(4, channel.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}), openHolds + 4));
        }
    }

    /** Sets the top bit of the little-endian size word at offset 8, as Chronicle Map does while it works on a file. */
    private static void markNotReady(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(4, channel.read(word, 8));
            int sizeWord = word.getInt(0);
            assertEquals(0, sizeWord & 0x8000_0000, "a cleanly closed file is marked ready");
            word.clear();
            word.putInt(0, sizeWord | 0x8000_0000);
            assertEquals(4, channel.write(word, 8));
        }
    }
}
