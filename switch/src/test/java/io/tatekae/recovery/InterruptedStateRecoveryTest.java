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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What CrashTest's long run caught: the switch killed while Chronicle Map repaired a state file at
 * start-up. The file keeps Chronicle's not-ready mark; the next start waited a minute and then failed
 * on the header checksum, every time. It must start, with the cards and the money as they were.
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
