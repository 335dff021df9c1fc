package io.tatekae.ledger;

import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recovery that checks itself: compares every account's totals with its hold and transfer rows, and
 * rebuilds an account that disagrees from the journal.
 *
 * <p>A repair replays, in memory and through the same {@link BatchPlan} the poster uses, every journal
 * record up to the ledger's position that concerns the account (its own records, and the closing records
 * of its holds), then replaces the account's rows (holds, transfers, points, rejections) and totals with
 * the result in one transaction. So "repaired" means: the account is now exactly what posting the journal
 * would have made it. It is idempotent (a second repair writes the same rows) and crash-safe (one
 * transaction: a kill leaves the account as it was, and the next audit finds and repairs it again). It
 * needs the journal from its first record: once older segments are archived, the audit still reports
 * the difference but cannot repair it.
 */
final class LedgerAudit {
    static final int MAX_REPORTED = 1_000;
    private static final int READ_BATCH = 4_096;
    /** Two grouped scans joined to the accounts: linear in the rows, no index on transfers' accounts needed. */
    private static final String CHECK = "SELECT a.account_id, a.pending_holds, a.posted, COALESCE(h.pending, 0),"
            + " COALESCE(t.pending, 0), COALESCE(t.posted, 0) FROM ledger_account a"
            + " LEFT JOIN (SELECT account_id, SUM(pending_amount) AS pending FROM ledger_hold WHERE state = 'PENDING'"
            + " GROUP BY account_id) h ON h.account_id = a.account_id"
            + " LEFT JOIN (SELECT account_id, SUM(pending_delta) AS pending, SUM(posted_delta) AS posted FROM ledger_transfer"
            + " GROUP BY account_id) t ON t.account_id = a.account_id"
            + " WHERE a.pending_holds <> COALESCE(h.pending, 0) OR a.pending_holds <> COALESCE(t.pending, 0)"
            + " OR a.posted <> COALESCE(t.posted, 0)"
            + " ORDER BY a.account_id LIMIT " + MAX_REPORTED;

    private LedgerAudit() {
    }

    /** Accounts whose totals disagree with their rows (at most {@link #MAX_REPORTED}). */
    static List<TotalsDifference> check(Connection c) throws SQLException {
        List<TotalsDifference> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CHECK); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new TotalsDifference(rs.getString(1), rs.getLong(2), rs.getLong(4), rs.getLong(5), rs.getLong(3),
                        rs.getLong(6)));
            }
        }
        return out;
    }

    /** What the journal says the accounts' rows are, up to {@code position}; throws JournalException when records are gone. */
    static BatchPlan replay(Path journalDirectory, Set<String> accounts, long position) {
        BatchPlan plan = new BatchPlan(new HashMap<>(), new HashSet<>(), new HashSet<>());
        Set<Long> theirHolds = new HashSet<>();
        try (JournalReader reader = JournalReader.open(journalDirectory, 1)) {
            while (reader.nextSequence() <= position) {
                int n = reader.poll(r -> {
                    if (concerns(r, accounts, theirHolds)) {
                        plan.apply(r);
                    }
                }, READ_BATCH, position);
                if (n == 0) {
                    throw new LedgerException("journal ends at " + (reader.nextSequence() - 1) + " before the ledger's"
                            + " position " + position);
                }
            }
        }
        return plan;
    }

    private static boolean concerns(JournalRecord r, Set<String> accounts, Set<Long> theirHolds) {
        return switch (r.type()) {
            case HOLD_PLACED, HOLD_FORCED -> {
                boolean ours = accounts.contains(r.accountId());
                if (ours) {
                    theirHolds.add(r.holdId());
                }
                yield ours;
            }
            case HOLD_REDUCED, HOLD_VOIDED, HOLD_EXPIRED, HOLD_CAPTURED -> theirHolds.contains(r.holdId());
            case FORCED_POST, REFUND_CREDIT, PAYMENT, OUTSTANDING_SET -> accounts.contains(r.accountId());
            // Billing: statements, redeemed points and the recorded changes of limits, statuses and cards.
            case STATEMENT_CLOSED, POINTS_REDEEMED, CARD_LIMIT_SET, ACCOUNT_STATUS, CREDIT_LIMIT_SET, CARD_ISSUED ->
                    accounts.contains(r.accountId());
        };
    }

    /** Replaces the accounts' rows and totals with {@code plan}'s, inside the caller's transaction. */
    static void replace(WriterStatements w, Set<String> accounts, BatchPlan plan) throws SQLException {
        Connection c = w.connection();
        for (String table : List.of("ledger_points", "ledger_transfer", "ledger_hold", "ledger_rejection", "ledger_statement",
                "ledger_payment", "ledger_change", "ledger_account")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE account_id = ?")) {
                for (String account : accounts) {
                    s.setString(1, account);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ledger_rejection WHERE journal_seq = ?")) {
            for (BatchPlan.Rejection r : plan.rejections) {
                s.setLong(1, r.sequence()); // a closing record may carry no account id
                s.addBatch();
            }
            s.executeBatch();
        }
        LedgerRows.write(w, plan);
    }
}
