package io.tatekae.ledger;

import static io.tatekae.journal.JournalRecordType.FORCED_POST;
import static io.tatekae.journal.JournalRecordType.HOLD_CAPTURED;
import static io.tatekae.journal.JournalRecordType.HOLD_EXPIRED;
import static io.tatekae.journal.JournalRecordType.HOLD_FORCED;
import static io.tatekae.journal.JournalRecordType.HOLD_PLACED;
import static io.tatekae.journal.JournalRecordType.HOLD_REDUCED;
import static io.tatekae.journal.JournalRecordType.HOLD_VOIDED;
import static io.tatekae.journal.JournalRecordType.PAYMENT;
import static io.tatekae.journal.JournalRecordType.REFUND_CREDIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.journal.FsyncPolicy;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalException;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.journal.JournalWriter;
import io.tatekae.journal.PointsPlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's contract, run against every database it supports. */
abstract class AbstractLedgerTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    protected LedgerConfig config;
    protected JdbcLedger ledger;
    protected final LedgerFeed feed = new LedgerFeed();

    /** A fresh, empty database for one test. */
    protected abstract LedgerConfig freshDatabase();

    @BeforeEach
    void openLedger() {
        config = freshDatabase();
        ledger = JdbcLedger.open(config);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void aHoldIsPlacedAndVoidedExactlyOnce() {
        assertEquals(1, ledger.apply(feed.one(HOLD_PLACED, 1, "A1", 1000)).applied());
        assertEquals(new AccountBalance("A1", "A1".hashCode() & 0xffff, 1000, 0), ledger.balance("A1"));
        assertEquals(1, ledger.apply(feed.one(HOLD_VOIDED, 1, "A1", 0)).applied());
        ApplyResult second = ledger.apply(feed.one(HOLD_VOIDED, 1, "A1", 0));
        assertEquals(0, second.applied());
        assertEquals(1, second.rejected());
        assertEquals(1, ledger.apply(feed.one(HOLD_CAPTURED, 1, "A1", 1000)).rejected());
        assertEquals(1, ledger.apply(feed.one(HOLD_PLACED, 1, "A1", 500)).rejected(), "a hold id is placed once");
        assertEquals(0, ledger.balance("A1").openHolds());
        assertEquals(0, ledger.balance("A1").posted());
        assertEquals(HoldState.VOIDED, ledger.hold(1).orElseThrow().state());
        assertEquals(5, ledger.lastPostedSequence());
        assertEquals(2, count("SELECT COUNT(*) FROM ledger_transfer"));
        assertEquals(3, count("SELECT COUNT(*) FROM ledger_rejection"));
    }

    @Test
    void aPartialReversalLowersTheHoldAndClearingCapturesTheRest() {
        ledger.apply(feed.one(HOLD_PLACED, 7, "A1", 5000));
        ledger.apply(feed.one(HOLD_REDUCED, 7, "A1", 3000));
        assertEquals(3000, ledger.balance("A1").openHolds());
        assertEquals(1, ledger.apply(feed.one(HOLD_REDUCED, 7, "A1", 3500)).rejected(), "a reduction cannot raise a hold");
        ledger.apply(feed.one(HOLD_CAPTURED, 7, "A1", 2800));
        assertEquals(new AccountBalance("A1", "A1".hashCode() & 0xffff, 0, 2800), ledger.balance("A1"));
        HoldView hold = ledger.hold(7).orElseThrow();
        assertEquals(HoldState.POSTED, hold.state());
        assertEquals(5000, hold.authorizedAmount());
        assertEquals(2800, hold.capturedAmount());
        assertEquals(0, hold.pendingAmount());
        assertEquals("354000******0001", hold.maskedPan());
        assertEquals(1, ledger.apply(feed.one(HOLD_CAPTURED, 7, "A1", 2800)).rejected(), "captured once");
        assertEquals(2800, ledger.balance("A1").posted());
    }

    @Test
    void anExpiredHoldReleasesItsAmountAndCannotBeCapturedLater() {
        ledger.apply(feed.one(HOLD_PLACED, 3, "A1", 1200));
        ledger.apply(feed.one(HOLD_FORCED, 4, "A1", 800));
        assertTrue(ledger.hold(4).orElseThrow().forced());
        ledger.apply(feed.one(HOLD_EXPIRED, 3, "A1", 0));
        assertEquals(800, ledger.balance("A1").openHolds());
        assertEquals(1, ledger.apply(feed.one(HOLD_CAPTURED, 3, "A1", 1200)).rejected());
        assertEquals(1, ledger.apply(feed.one(HOLD_EXPIRED, 3, "A1", 0)).rejected());
        assertEquals(HoldState.EXPIRED, ledger.hold(3).orElseThrow().state());
        assertEquals(0, ledger.balance("A1").posted());
    }

    @Test
    void placeAndCloseInTheSameBatchAreAppliedInJournalOrder() {
        LedgerBatch batch = feed.batch(10);
        feed.add(batch, HOLD_PLACED, 1, "A1", 100).add(batch, HOLD_PLACED, 2, "A1", 200)
                .add(batch, HOLD_VOIDED, 1, "A1", 0).add(batch, HOLD_REDUCED, 2, "A1", 150)
                .add(batch, HOLD_CAPTURED, 2, "A1", 150).add(batch, HOLD_VOIDED, 2, "A1", 0);
        ApplyResult result = ledger.apply(batch);
        assertEquals(5, result.applied());
        assertEquals(1, result.rejected());
        assertEquals(new AccountBalance("A1", "A1".hashCode() & 0xffff, 0, 150), ledger.balance("A1"));
        assertEquals(HoldState.VOIDED, ledger.hold(1).orElseThrow().state());
        assertEquals(HoldState.POSTED, ledger.hold(2).orElseThrow().state());
    }

    @Test
    void replayingABatchChangesNothing() {
        LedgerBatch batch = feed.batch(300);
        for (int i = 1; i <= 250; i++) {
            feed.add(batch, HOLD_PLACED, i, "A" + (i % 7), i * 10L);
        }
        for (int i = 1; i <= 50; i++) {
            feed.add(batch, HOLD_CAPTURED, i, "A" + (i % 7), i * 10L);
        }
        ApplyResult first = ledger.apply(batch);
        assertEquals(300, first.applied());
        List<AccountBalance> before = ledger.balances();
        long transfers = count("SELECT COUNT(*) FROM ledger_transfer");
        ApplyResult replay = ledger.apply(batch);
        assertEquals(new ApplyResult(0, 0, 300, 300), replay);
        assertEquals(before, ledger.balances());
        assertEquals(transfers, count("SELECT COUNT(*) FROM ledger_transfer"));
        assertEquals(7, before.size());
        long holds = before.stream().mapToLong(AccountBalance::openHolds).sum();
        assertEquals(sumOf(51, 250) * 10, holds);
        assertEquals(sumOf(1, 50) * 10, before.stream().mapToLong(AccountBalance::posted).sum());
        assertOpenHoldsMatchPendingHolds();
    }

    /**
     * The writer keeps its prepared statements from batch to batch: a second batch of the same kinds
     * prepares nothing new, and every batch of any kind stays within the kept statements' bound.
     */
    @Test
    void theWriterReusesItsStatementsFromBatchToBatch() {
        ledger.apply(placeAndCapture(1, 20));
        int afterFirst = ledger.keptStatements();
        assertTrue(afterFirst >= 6, "lock, loads, inserts, updates and the position: " + afterFirst);
        ledger.apply(placeAndCapture(21, 20));
        assertEquals(afterFirst, ledger.keptStatements(), "the second batch prepared nothing new");
        ledger.apply(billingKinds(202610, 900));
        int afterBilling = ledger.keptStatements();
        assertTrue(afterBilling > afterFirst, "statements, payments and changes have statements of their own");
        ledger.apply(billingKinds(202611, 901));
        assertEquals(afterBilling, ledger.keptStatements(), "the same kinds again prepared nothing new");
        assertTrue(afterBilling <= WriterStatements.MAX_STATEMENTS, String.valueOf(afterBilling));
        assertEquals(2, count("SELECT COUNT(*) FROM ledger_statement WHERE account_id = 'B1'"));
        assertOpenHoldsMatchPendingHolds();
    }

    /**
     * A batch that fails half-way through its writes (a transfer id already taken, put there behind the
     * poster's back) leaves nothing of itself; once the obstacle is gone the same batch applies exactly once.
     */
    @Test
    void aBatchThatFailsHalfWayLeavesNothingAndItsRetryAppliesOnce() throws SQLException {
        ledger.apply(placeAndCapture(1, 10));
        List<AccountBalance> before = ledger.balances();
        long transfers = count("SELECT COUNT(*) FROM ledger_transfer");
        LedgerBatch batch = placeAndCapture(11, 10);
        long blocked = feed.nextSequence() - 5;
        execute("INSERT INTO ledger_transfer (transfer_id, kind, hold_id, account_id, amount, pending_delta, posted_delta, "
                + "event_time, once_class, once_key) VALUES (" + blocked + ", 'HOLD_PLACED', 0, 'A1', 1, 0, 0, 0, 6, NULL)");
        assertThrows(LedgerUnavailableException.class, () -> ledger.apply(batch));
        assertEquals(before, ledger.balances(), "nothing of the failed batch");
        assertEquals(15, ledger.lastPostedSequence());
        execute("DELETE FROM ledger_transfer WHERE transfer_id = " + blocked);
        assertEquals(15, ledger.apply(batch).applied());
        assertEquals(transfers + 15, count("SELECT COUNT(*) FROM ledger_transfer"));
        List<AccountBalance> after = ledger.balances();
        assertEquals(sumOf(1, 20) * 1_000, after.stream().mapToLong(b -> b.openHolds() + b.posted()).sum(),
                "every hold counted once, open or captured");
        assertEquals(sumOf(1, 5) * 1_000 + sumOf(11, 15) * 1_000, after.stream().mapToLong(AccountBalance::posted).sum());
        assertOpenHoldsMatchPendingHolds();
    }

    /** A statement closed for account B1 and {@code month}, its payment (posting {@code payment}) and a limit change. */
    private LedgerBatch billingKinds(int month, long payment) {
        LedgerBatch batch = feed.batch(3);
        feed.add(batch, r -> r.type(JournalRecordType.STATEMENT_CLOSED).accountId("B1").accountIndex(7)
                        .amount(0).secondAmount(0).n1(month).n2(month * 100 + 27))
                .add(batch, r -> r.type(PAYMENT).holdId(payment).postingId(payment).accountId("B1").accountIndex(7)
                        .amount(100).x(1, LedgerFeed.T0).n1(1).text("CVS-" + payment))
                .add(batch, r -> r.type(JournalRecordType.CARD_LIMIT_SET).accountId("B1").accountIndex(7)
                        .secondAmount(5_000).amount(10_000).n1(1).x(1, month).text("statement paid on time"));
        return batch;
    }

    /** Holds {@code first}.. placed over 3 accounts (1,000 yen x id: each capture earns points), then the first half captured. */
    private LedgerBatch placeAndCapture(int first, int count) {
        LedgerBatch batch = feed.batch(count + count / 2);
        for (int i = first; i < first + count; i++) {
            feed.add(batch, HOLD_PLACED, i, "A" + (i % 3), i * 1_000L);
        }
        for (int i = first; i < first + count / 2; i++) {
            feed.add(batch, HOLD_CAPTURED, i, "A" + (i % 3), i * 1_000L);
        }
        return batch;
    }

    @Test
    void aReJournaledEventWithANewSequenceIsRejectedNotDoubled() {
        ledger.apply(feed.one(FORCED_POST, 900, "A1", 4980));
        ledger.apply(feed.one(PAYMENT, 901, "A1", 1000));
        assertEquals(1, ledger.apply(feed.one(FORCED_POST, 900, "A1", 4980)).rejected());
        assertEquals(1, ledger.apply(feed.one(PAYMENT, 901, "A1", 1000)).rejected());
        assertEquals(3980, ledger.balance("A1").posted());
    }

    @Test
    void clearingPaymentsAndRefundsMoveWhatIsOwed() {
        ledger.apply(feed.one(FORCED_POST, 10, "A2", 3000));
        ledger.apply(feed.one(REFUND_CREDIT, 11, "A2", 500));
        ledger.apply(feed.one(PAYMENT, 12, "A2", 2000));
        assertEquals(new AccountBalance("A2", "A2".hashCode() & 0xffff, 0, 500), ledger.balance("A2"));
        assertEquals(new AccountBalance("NOPE", -1, 0, 0), ledger.balance("NOPE"));
    }

    @Test
    void aGapInTheFeedIsRefused() {
        ledger.apply(feed.one(HOLD_PLACED, 1, "A1", 100));
        feed.one(HOLD_PLACED, 2, "A1", 100);
        LedgerException e = assertThrows(LedgerException.class, () -> ledger.apply(feed.one(HOLD_PLACED, 3, "A1", 100)));
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
        assertEquals(1, ledger.lastPostedSequence());
        assertEquals(100, ledger.balance("A1").openHolds());
    }

    @Test
    void pointsAreEarnedOnPostingTakenBackByRefundsAndExpireAfterSixMonths() {
        long t0 = LedgerFeed.T0;
        LedgerBatch batch = feed.batch(10);
        feed.add(batch, HOLD_PLACED, 1, "P1", 1000, PointsPlan.PLUS, t0)
                .add(batch, HOLD_CAPTURED, 1, "P1", 999, PointsPlan.PLUS, t0 + DAY)
                .add(batch, FORCED_POST, 2, "P1", 400, PointsPlan.STANDARD, t0 + DAY)
                .add(batch, HOLD_PLACED, 3, "P1", 5000, PointsPlan.PLUS, t0)
                .add(batch, HOLD_VOIDED, 3, "P1", 0, PointsPlan.PLUS, t0 + DAY);
        ledger.apply(batch);
        assertEquals(0, ledger.pointsBalance("P1", t0), "nothing is earned by a hold");
        assertEquals(4 * 3 + 2, ledger.pointsBalance("P1", t0 + DAY), "999 yen on PLUS: 4 x 3; 400 on STANDARD: 2");
        LedgerBatch refund = feed.batch(1);
        feed.add(refund, REFUND_CREDIT, 4, "P1", 400, PointsPlan.STANDARD, t0 + 2 * DAY);
        ledger.apply(refund);
        assertEquals(12, ledger.pointsBalance("P1", t0 + 2 * DAY));
        long sixMonthsLater = Instant.ofEpochMilli(t0 + DAY).atZone(ZoneId.of("Asia/Tokyo"))
                .plusMonths(6).toInstant().toEpochMilli();
        assertEquals(12, ledger.pointsBalance("P1", sixMonthsLater - 1));
        assertEquals(0, ledger.pointsBalance("P1", sixMonthsLater));
        assertEquals(0, ledger.pointsBalance("NOBODY", sixMonthsLater));
    }

    /**
     * Billing's records (billing.md): a statement's row and its fees posted, redeemed points taken off what
     * is owed and off the points, a payment with when and how it was paid, and every change with its cause;
     * a second statement for the same account and month is refused, never applied twice.
     */
    @Test
    void billingRecordsPostStatementsFeesPointsPaymentsAndChangesOnce() throws SQLException {
        long lotExpiry = LedgerFeed.T0 + 180 * DAY;
        LedgerBatch batch = feed.batch(16);
        feed.add(batch, FORCED_POST, 501, "B1", 1_000)
                .add(batch, r -> r.type(JournalRecordType.STATEMENT_CLOSED).accountId("B1").accountIndex(7)
                        .amount(1_209).secondAmount(209).x(1, 0).x(2, 1_000).x(3, 0).x(4, 0).x(5, 209).x(6, 0)
                        .n1(202611).n2(20261210))
                .add(batch, r -> r.type(JournalRecordType.POINTS_REDEEMED).accountId("B1").accountIndex(7)
                        .amount(3).x(1, lotExpiry).n1(202612))
                .add(batch, r -> r.type(PAYMENT).holdId(777).postingId(777).accountId("B1").accountIndex(7).amount(1_209)
                        .x(1, LedgerFeed.T0 - 1_000).n1(1).text("CVS-20261209-000123"))
                .add(batch, r -> r.type(JournalRecordType.CARD_LIMIT_SET).accountId("B1").accountIndex(7)
                        .secondAmount(5_000).amount(10_000).n1(1).x(1, 202611).text("statement 2026-11 paid on time"))
                .add(batch, r -> r.type(JournalRecordType.ACCOUNT_STATUS).accountId("B1").accountIndex(7)
                        .secondAmount(1).amount(0).n1(3).text("payment CVS-1"))
                .add(batch, r -> r.type(JournalRecordType.CREDIT_LIMIT_SET).accountId("B1").accountIndex(7)
                        .secondAmount(50_000).amount(100_000).x(2, 1).n1(4).text("direct debit registered"))
                .add(batch, r -> r.type(JournalRecordType.CARD_ISSUED).accountId("B1").accountIndex(7)
                        .amount(3_000).n2(3112).text("TARO YAMADA"));
        ledger.apply(batch);

        assertEquals(1_000 + 209 - 3 - 1_209, ledger.balance("B1").posted());
        assertEquals(5 - 3, ledger.pointsBalance("B1", LedgerFeed.T0 + DAY), "5 earned by the forced post, 3 redeemed");
        assertEquals(5, ledger.pointsBalance("B1", lotExpiry), "the redeemed part expires with its lot");
        assertEquals(1, count("SELECT COUNT(*) FROM ledger_statement WHERE account_id = 'B1' AND bill_month = 202611"
                + " AND amount_due = 1209 AND billing_fee = 209 AND purchases = 1000 AND due_date = 20261210"));
        assertEquals(1, count("SELECT COUNT(*) FROM ledger_payment WHERE posting_id = 777 AND method = 'CONVENIENCE_STORE'"
                + " AND reference = 'CVS-20261209-000123' AND paid_at = " + (LedgerFeed.T0 - 1_000)));
        assertEquals(4, count("SELECT COUNT(*) FROM ledger_change WHERE account_id = 'B1'"));
        assertEquals(1, count("SELECT COUNT(*) FROM ledger_change WHERE kind = 'CARD_LIMIT_SET' AND old_value = 5000"
                + " AND new_value = 10000 AND cause = 'STATEMENT_PAID_ON_TIME'"));

        LedgerBatch again = feed.batch(1);
        feed.add(again, r -> r.type(JournalRecordType.STATEMENT_CLOSED).accountId("B1").accountIndex(7)
                .amount(1_209).secondAmount(209).n1(202611).n2(20261210));
        ApplyResult result = ledger.apply(again);
        assertEquals(1, result.rejected());
        assertEquals(1_000 + 209 - 3 - 1_209, ledger.balance("B1").posted(), "no second fee");
        assertEquals(1, count("SELECT COUNT(*) FROM ledger_rejection WHERE reason = 'statement already closed'"));
    }

    @Test
    void reopeningTheLedgerKeepsItsPositionAndSchemaVersion() throws SQLException {
        ledger.apply(feed.one(HOLD_PLACED, 1, "A1", 100));
        ledger.close();
        ledger = JdbcLedger.open(config);
        assertEquals(1, ledger.lastPostedSequence());
        assertEquals(1, count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success"),
                "version 1 applied once, by Flyway");
        assertEquals(1, count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '2' AND success"),
                "version 2 (billing) applied once, by Flyway");
        assertEquals(2, count("SELECT COUNT(*) FROM flyway_schema_history"));
    }

    @Test
    void thePosterFollowsTheJournalResumesAfterARestartAndDrainsOnClose(@TempDir Path dir) {
        JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0)
                .withSegmentBytes(64 * 1024);
        JournalLoad load = new JournalLoad();
        try (JournalWriter writer = JournalWriter.open(journal)) {
            LedgerPosterConfig posterConfig = LedgerPosterConfig.defaults().withMaxBatch(200);
            try (LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger, posterConfig).start()) {
                load.write(writer, 1, 1500);
                JournalLoad.await("the poster to catch up", () -> poster.lastPostedSequence() == writer.committedSequence(),
                        Duration.ofSeconds(60));
                assertEquals(0, poster.lag());
                load.write(writer, 1501, 1700);
            }
            assertEquals(writer.committedSequence(), ledger.lastPostedSequence(), "close drains what was committed");
            long postedByFirst = load.records();
            load.write(writer, 1701, 2000);
            try (LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger, posterConfig).start()) {
                JournalLoad.await("the second poster to catch up", () -> poster.lag() == 0, Duration.ofSeconds(60));
                assertEquals(load.records() - postedByFirst, poster.postedRecords(), "the restarted poster posts only the rest");
                assertEquals(0, poster.rejectedRecords());
            }
        }
        assertEquals(load.records(), ledger.lastPostedSequence());
        assertEquals(load.records(), count("SELECT COUNT(*) FROM ledger_transfer"));
        load.assertLedgerMatches(ledger);
        assertOpenHoldsMatchPendingHolds();
    }

    /**
     * At a trickle, the poster gathers a commit interval's journal commits into one database transaction
     * instead of one transaction per journal commit; closing posts what waits at once, not an interval later.
     */
    @Test
    void aBatchThatIsNotFullWaitsForTheCommitIntervalAndCloseDoesNotWait(@TempDir Path dir) throws InterruptedException {
        JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0);
        JournalLoad load = new JournalLoad();
        long intervalMillis = 250;
        try (JournalWriter writer = JournalWriter.open(journal)) {
            LedgerPosterConfig paced = LedgerPosterConfig.defaults().withCommitInterval(Duration.ofMillis(intervalMillis));
            try (LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger, paced).start()) {
                long started = System.nanoTime();
                for (int commit = 0; commit < 40; commit++) {
                    load.write(writer, commit * 10L + 1, commit * 10L + 10);
                    Thread.sleep(15);
                }
                JournalLoad.await("the poster to catch up", () -> poster.lag() == 0, Duration.ofSeconds(30));
                long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(poster.batches() <= elapsedMillis / intervalMillis + 2, poster.batches()
                        + " database transactions for 40 journal commits in " + elapsedMillis + " ms");
            }
            LedgerPosterConfig slow = LedgerPosterConfig.defaults().withCommitInterval(LedgerPosterConfig.MAX_COMMIT_INTERVAL);
            LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger, slow).start();
            load.write(writer, 401, 410);
            JournalLoad.await("the first transaction, which goes at once", () -> poster.batches() == 1, Duration.ofSeconds(30));
            load.write(writer, 411, 420);
            long closing = System.nanoTime();
            poster.close();
            long closeMillis = (System.nanoTime() - closing) / 1_000_000;
            assertTrue(closeMillis < 5_000, "close waited " + closeMillis + " ms for the commit interval");
            assertEquals(writer.committedSequence(), ledger.lastPostedSequence(), "close drains what was committed");
        }
        load.assertLedgerMatches(ledger);
    }

    /**
     * Recovery checks itself: an account whose total drifted, one that lost a transfer row and one that
     * lost a hold row are found, and rebuilt from the journal exactly as posting made them; a second
     * repair changes nothing; without the journal's records the repair refuses and changes nothing.
     */
    @Test
    void accountsWhoseTotalsDisagreeWithTheirRowsAreFoundAndRebuiltFromTheJournal(@TempDir Path dir) throws SQLException {
        JournalConfig journal = JournalConfig.durable(dir.resolve("journal")).withFsync(FsyncPolicy.NONE, 0);
        JournalLoad load = new JournalLoad();
        try (JournalWriter writer = JournalWriter.open(journal);
             LedgerPoster poster = new LedgerPoster(journal.directory(), writer::committedSequence, ledger,
                     LedgerPosterConfig.defaults().withMaxBatch(100)).start()) {
            load.write(writer, 1, 600);
            JournalLoad.await("the poster to catch up", () -> poster.lag() == 0, Duration.ofSeconds(60));
        }
        assertEquals(List.of(), ledger.checkTotals());
        String posted = dumpRows();
        execute("UPDATE ledger_account SET pending_holds = pending_holds + 777 WHERE account_id = 'ACC1'");
        execute("DELETE FROM ledger_transfer WHERE transfer_id = (SELECT MAX(transfer_id) FROM ledger_transfer WHERE account_id = 'ACC2')");
        execute("DELETE FROM ledger_hold WHERE hold_id = (SELECT MAX(hold_id) FROM ledger_hold WHERE account_id = 'ACC4' AND state = 'PENDING')");
        List<TotalsDifference> found = ledger.checkTotals();
        assertEquals(List.of("ACC1", "ACC2", "ACC4"), found.stream().map(TotalsDifference::accountId).toList(), found.toString());
        assertTrue(found.getFirst().toString().contains("open holds " + (ledger.balance("ACC1").openHolds())), found.toString());

        RuntimeException noJournal = assertThrows(RuntimeException.class,
                () -> ledger.repairFromJournal(dir.resolve("archived"), List.of("ACC1")));
        assertTrue(noJournal instanceof JournalException || noJournal instanceof LedgerException, noJournal.toString());
        assertEquals(3, ledger.checkTotals().size(), "a repair the journal cannot back changes nothing: " + noJournal);

        assertEquals(3, ledger.repairFromJournal(journal.directory(), List.of("ACC1", "ACC2", "ACC4")));
        assertEquals(List.of(), ledger.checkTotals());
        assertEquals(posted, dumpRows(), "every row as posting made it");
        ledger.repairFromJournal(journal.directory(), List.of("ACC1", "ACC2", "ACC4"));
        assertEquals(posted, dumpRows(), "a second repair changes nothing");
        load.assertLedgerMatches(ledger);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(sql), sql);
        }
    }

    /** Every row of the account-keyed tables, in a fixed order, as text. */
    private String dumpRows() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String query : List.of("SELECT * FROM ledger_account ORDER BY account_id", "SELECT * FROM ledger_hold ORDER BY hold_id",
                "SELECT * FROM ledger_transfer ORDER BY transfer_id", "SELECT * FROM ledger_points ORDER BY entry_id",
                "SELECT * FROM ledger_rejection ORDER BY journal_seq")) {
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        out.append(rs.getString(i)).append(i == columns ? '\n' : '|');
                    }
                }
            }
        }
        return out.toString();
    }

    protected void assertOpenHoldsMatchPendingHolds() {
        assertEquals(0, count("SELECT COUNT(*) FROM ledger_account a WHERE a.pending_holds <> "
                + "(SELECT COALESCE(SUM(h.pending_amount), 0) FROM ledger_hold h WHERE h.account_id = a.account_id AND h.state = 'PENDING')"));
    }

    protected long count(String sql) {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private static long sumOf(long from, long to) {
        return (from + to) * (to - from + 1) / 2;
    }
}
