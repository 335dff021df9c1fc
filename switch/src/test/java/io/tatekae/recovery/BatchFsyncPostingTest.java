package io.tatekae.recovery;

import io.tatekae.ledger.JdbcLedger;
import io.tatekae.ledger.LedgerConfig;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under {@code journal.fsync: batch} the poster posts only records already forced to disk (a power
 * loss must not leave the ledger ahead of the journal); a graceful stop forces the journal first, so
 * everything committed still reaches the ledger before the switch is down.
 */
class BatchFsyncPostingTest {
    @TempDir
    Path dir;

    @Test
    void aStopRightAfterApprovalsStillPostsThem() {
        long committed;
        try (TestSwitch sw = TestSwitch.builder(dir).yaml("journal:\n  fsync: batch\n").start();
             IsoTestClient c = sw.connectSignedOn()) {
            // Back to back: the journal forces at most every 10 ms, so the last commits are not yet forced.
            for (int i = 0; i < 5; i++) {
                Wire.assertApproved(c.request(Wire.purchase(TestCards.TARO, 1_200 + i)));
            }
            committed = sw.app().committedSequence();
            assertTrue(committed > 0, "the approval was journaled");
        }
        try (JdbcLedger ledger = JdbcLedger.open(LedgerConfig.sqlite(dir))) {
            assertEquals(committed, ledger.lastPostedSequence(), "every committed record is in the ledger after the stop");
        }
    }
}
