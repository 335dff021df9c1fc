package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatekae.journal.JournalReader;
import io.tatekae.testsupport.TestSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Billing's state is part of the snapshots of the replayed state: after snapshots were written and the
 * journal's old segments deleted, a restart from the newest snapshot shows every account as it was
 * (statements and what is left of them, points and their lots, the recorded status and changes, what
 * is owed with the fees and redeemed points in it), and the next month closes once.
 */
@Timeout(300)
class BillingSnapshotTest {
    private static final String A = "B0000041";
    private static final String BULK = "B0000042";
    private static final String PAN = BillingSwitch.pan(41);
    private static final String BULK_PAN = BillingSwitch.pan(42);
    /** Rounds of 1-yen clearing lines: at most 36,000 yen on the bulk account, within its 50,000 limit. */
    private static final int BULK_ROUNDS = 4;
    private static final int BULK_LINES = 9_000;
    private static final String CARDS = BillingSwitch.standardAccountWithCard(A, PAN, "TARO YAMADA", 50_000)
            + BillingSwitch.standardAccountWithCard(BULK, BULK_PAN, "HANAKO SATO", 50_000);

    @TempDir
    Path dir;

    @Test
    void aRestartFromASnapshotAfterTheOldJournalIsGoneShowsEveryAccountAsItWas() throws Exception {
        MutableClock clock = new MutableClock("2026-10-05T10:00:00");
        JsonNode before;
        long bulkOwed;
        try (BillingSwitch s = BillingSwitch.start(dir, clock, CARDS, TestSwitch.SNAPSHOT_RETENTION_YAML)) {
            s.forcedPost(PAN, 10_000);
            s.refund(PAN, 500);
            clock.set("2026-11-03T10:00:00");
            assertEquals(200, s.post("/admin/points/redeem", "{\"account\":\"" + A + "\",\"points\":20}").status());
            assertEquals(200, s.put("/admin/accounts/" + A + "/direct-debit", "{\"registered\":true}").status());
            clock.set("2026-11-12T10:00:00");
            awaitCardLimit(s, A, 3_000);
            s.pay("LATE-1", A, 9_709, "2026-11-12T09:00:00");
            s.forcedPost(PAN, 1_000);
            bulkUntilTheFirstSegmentIsDeleted(s);
            before = s.account(A);
            bulkOwed = s.account(BULK).get("owed").asLong();
            assertEquals("LATE", before.get("statements").get(0).get("state").asText(), before.toString());
        }
        try (BillingSwitch s = BillingSwitch.restart(dir, clock, TestSwitch.SNAPSHOT_RETENTION_YAML)) {
            assertTrue(s.sw.app().replayedFrom() > 1, "started from a snapshot, not the journal's beginning");
            JsonNode after = s.account(A);
            assertEquals(before, after, "the account as it was before the restart");
            assertEquals(bulkOwed, s.account(BULK).get("owed").asLong());
            assertEquals(1_000 - 20, after.get("owed").asLong(), "the redeemed points are still off what is owed");

            clock.set("2026-12-01T00:00:05");
            JsonNode december = s.account(A);
            assertEquals(2, december.get("statements").size(), december.toString());
            JsonNode november = december.get("statements").get(1);
            assertEquals(20, november.get("pointsUsed").asLong(), november.toString());
            assertEquals(0, november.get("billingFee").asLong(), "direct debit, registered before the snapshot");
            assertEquals(980, november.get("amountDue").asLong(), november.toString());
        }
    }

    /**
     * Clearing lines for the bulk account in rounds until the journal's first segment is gone. Snapshots come
     * at the snapshot writer's poll boundaries, so how many records that takes depends on how fast it keeps up:
     * a round is followed by a wait, and another round comes only when the wait saw no deletion.
     */
    private void bulkUntilTheFirstSegmentIsDeleted(BillingSwitch s) throws InterruptedException {
        for (int round = 0; round < BULK_ROUNDS; round++) {
            bulk(s, round * BULK_LINES, BULK_LINES);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (firstSegment() > 1 && s.sw.app().ledgerLag() == 0) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        fail("the journal's old segments were never deleted after " + BULK_ROUNDS + " rounds of " + BULK_LINES
                + " clearing lines (first segment " + firstSegment() + ", ledger lag " + s.sw.app().ledgerLag() + ")");
    }

    private static void bulk(BillingSwitch s, int first, int lines) {
        StringBuilder file = new StringBuilder();
        for (int i = first; i < first + lines; i++) {
            file.append("{\"type\":\"PURCHASE\",\"pan\":\"").append(BULK_PAN).append("\",\"rrn\":\"")
                    .append(String.format("%012d", 800_000 + i)).append("\",\"amount\":1,\"currency\":\"392\"}\n");
        }
        BillingSwitch.Reply r = s.post("/admin/clearing", file.toString());
        assertEquals(200, r.status(), r.body());
    }

    private long firstSegment() {
        return JournalReader.firstSequence(dir.resolve("data").resolve("journal"));
    }

    private static void awaitCardLimit(BillingSwitch s, String account, long limit) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (s.account(account).get("cards").get(0).get("limit").asLong() != limit) {
            assertTrue(System.nanoTime() < deadline, "card limit " + limit);
            Thread.sleep(100);
        }
    }
}
