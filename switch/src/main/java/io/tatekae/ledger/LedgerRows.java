package io.tatekae.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL that loads the rows a batch touches and writes a {@link BatchPlan} back, as JDBC batches.
 * Lookups bind all their keys at one placeholder ({@link LedgerDialect#anyOf}): a single statement
 * that uses the primary key whatever the count (a padded IN list got a generic sequential-scan plan
 * on PostgreSQL).
 */
final class LedgerRows {
    static final String HOLD_COLUMNS = "hold_id, account_id, state, forced, authorized_amount, pending_amount, "
            + "captured_amount, plan, placed_seq, placed_at, closed_seq, closed_at, auth_code, rrn, stan, masked_pan";

    private final LedgerDialect dialect;
    private final String holdsSql;
    private final String accountsSql;
    private final String onceKeysSql;
    private final String statementsSql;

    LedgerRows(LedgerDialect dialect) {
        this.dialect = dialect;
        this.holdsSql = "SELECT " + HOLD_COLUMNS + " FROM ledger_hold WHERE " + dialect.anyOf("hold_id");
        this.accountsSql = "SELECT account_id FROM ledger_account WHERE " + dialect.anyOf("account_id");
        this.onceKeysSql = "SELECT once_key, once_class FROM ledger_transfer WHERE " + dialect.anyOf("once_key")
                + " AND once_class IN (3, 4, 5)";
        this.statementsSql = "SELECT account_id, bill_month FROM ledger_statement WHERE " + dialect.anyOf("account_id");
    }

    Map<Long, HoldRow> loadHolds(WriterStatements w, List<Long> holdIds) throws SQLException {
        Map<Long, HoldRow> holds = new HashMap<>();
        if (holdIds.isEmpty()) {
            return holds;
        }
        PreparedStatement s = w.get(holdsSql);
        dialect.bindLongs(w.connection(), s, 1, holdIds);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                HoldRow hold = readHold(rs);
                holds.put(hold.holdId, hold);
            }
        }
        return holds;
    }

    static HoldRow readHold(ResultSet rs) throws SQLException {
        HoldRow hold = new HoldRow();
        hold.holdId = rs.getLong(1);
        hold.accountId = rs.getString(2);
        hold.state = HoldState.valueOf(rs.getString(3));
        hold.loadedState = hold.state;
        hold.forced = rs.getBoolean(4);
        hold.authorizedAmount = rs.getLong(5);
        hold.pendingAmount = rs.getLong(6);
        hold.capturedAmount = rs.getLong(7);
        hold.plan = rs.getInt(8);
        hold.placedSeq = rs.getLong(9);
        hold.placedAt = rs.getLong(10);
        hold.closedSeq = rs.getLong(11);
        hold.closedAt = rs.getLong(12);
        hold.authCode = rs.getString(13);
        hold.rrn = rs.getString(14);
        hold.stan = rs.getInt(15);
        hold.maskedPan = rs.getString(16);
        return hold;
    }

    Set<String> loadAccounts(WriterStatements w, List<String> accountIds) throws SQLException {
        Set<String> found = new HashSet<>();
        if (accountIds.isEmpty()) {
            return found;
        }
        PreparedStatement s = w.get(accountsSql);
        dialect.bindStrings(w.connection(), s, 1, accountIds);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Once keys of forced posts, refunds and payments already applied among {@code eventIds}. */
    Set<BatchPlan.OnceKey> loadUsedOnceKeys(WriterStatements w, List<Long> eventIds) throws SQLException {
        Set<BatchPlan.OnceKey> used = new HashSet<>();
        if (eventIds.isEmpty()) {
            return used;
        }
        PreparedStatement s = w.get(onceKeysSql);
        dialect.bindLongs(w.connection(), s, 1, eventIds);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                used.add(new BatchPlan.OnceKey(rs.getLong(1), rs.getInt(2)));
            }
        }
        return used;
    }

    /** "accountId/YYYYMM" of the statements the ledger has for these accounts. */
    Set<String> loadStatements(WriterStatements w, List<String> accountIds) throws SQLException {
        Set<String> found = new HashSet<>();
        if (accountIds.isEmpty()) {
            return found;
        }
        PreparedStatement s = w.get(statementsSql);
        dialect.bindStrings(w.connection(), s, 1, accountIds);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1) + "/" + rs.getInt(2));
            }
        }
        return found;
    }

    static void write(WriterStatements w, BatchPlan plan) throws SQLException {
        insertAccounts(w, plan.newAccounts);
        insertHolds(w, plan.newHolds());
        updateHolds(w, plan.changedHolds());
        insertTransfers(w, plan.transfers);
        insertRejections(w, plan.rejections);
        insertPoints(w, plan.points);
        updateAccounts(w, plan.accountDeltas);
        BillingRows.write(w, plan);
    }

    private static void insertAccounts(WriterStatements w, List<BatchPlan.NewAccount> accounts) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_account (account_id, account_index, "
                + "pending_holds, posted, created_seq) VALUES (?, ?, 0, 0, ?)");
        for (BatchPlan.NewAccount a : accounts) {
            s.setString(1, a.accountId());
            s.setInt(2, a.accountIndex());
            s.setLong(3, a.createdSeq());
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void insertHolds(WriterStatements w, List<HoldRow> holds) throws SQLException {
        if (holds.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_hold (" + HOLD_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (HoldRow h : holds) {
            s.setLong(1, h.holdId);
            s.setString(2, h.accountId);
            s.setString(3, h.state.name());
            s.setBoolean(4, h.forced);
            s.setLong(5, h.authorizedAmount);
            s.setLong(6, h.pendingAmount);
            s.setLong(7, h.capturedAmount);
            s.setInt(8, h.plan);
            s.setLong(9, h.placedSeq);
            s.setLong(10, h.placedAt);
            setNullableLong(s, 11, h.closedSeq);
            setNullableLong(s, 12, h.closedSeq == 0 ? 0 : h.closedAt);
            s.setString(13, h.authCode);
            s.setString(14, h.rrn);
            s.setInt(15, h.stan);
            s.setString(16, h.maskedPan);
            s.addBatch();
        }
        s.executeBatch();
    }

    /** Guarded by the loaded state: if someone else changed the hold meanwhile, the batch fails and is retried. */
    private static void updateHolds(WriterStatements w, List<HoldRow> holds) throws SQLException {
        if (holds.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("UPDATE ledger_hold SET state = ?, pending_amount = ?, "
                + "captured_amount = ?, closed_seq = ?, closed_at = ? WHERE hold_id = ? AND state = ?");
        for (HoldRow h : holds) {
            s.setString(1, h.state.name());
            s.setLong(2, h.pendingAmount);
            s.setLong(3, h.capturedAmount);
            setNullableLong(s, 4, h.closedSeq);
            setNullableLong(s, 5, h.closedSeq == 0 ? 0 : h.closedAt);
            s.setLong(6, h.holdId);
            s.setString(7, h.loadedState.name());
            s.addBatch();
        }
        int[] counts = s.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new SQLException("hold " + holds.get(i).holdId + " changed under the ledger poster", "40001");
            }
        }
    }

    private static void insertTransfers(WriterStatements w, List<BatchPlan.Transfer> transfers) throws SQLException {
        if (transfers.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_transfer (transfer_id, kind, hold_id, account_id, "
                + "amount, pending_delta, posted_delta, event_time, once_class, once_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (BatchPlan.Transfer t : transfers) {
            s.setLong(1, t.transferId());
            s.setString(2, t.kind().name());
            s.setLong(3, t.holdId());
            s.setString(4, t.accountId());
            s.setLong(5, t.amount());
            s.setLong(6, t.pendingDelta());
            s.setLong(7, t.postedDelta());
            s.setLong(8, t.eventTime());
            s.setInt(9, t.onceClass());
            if (t.onceKey() == null) {
                s.setNull(10, Types.BIGINT);
            } else {
                s.setLong(10, t.onceKey());
            }
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void insertRejections(WriterStatements w, List<BatchPlan.Rejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_rejection (journal_seq, kind, hold_id, account_id, "
                + "amount, reason) VALUES (?, ?, ?, ?, ?, ?)");
        for (BatchPlan.Rejection r : rejections) {
            s.setLong(1, r.sequence());
            s.setString(2, r.kind().name());
            s.setLong(3, r.holdId());
            s.setString(4, r.accountId());
            s.setLong(5, r.amount());
            s.setString(6, r.reason());
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void insertPoints(WriterStatements w, List<BatchPlan.PointsEntry> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_points (entry_id, account_id, hold_id, points, "
                + "earned_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
        for (BatchPlan.PointsEntry p : points) {
            s.setLong(1, p.entryId());
            s.setString(2, p.accountId());
            s.setLong(3, p.holdId());
            s.setLong(4, p.points());
            s.setLong(5, p.earnedAt());
            s.setLong(6, p.expiresAt());
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void updateAccounts(WriterStatements w, Map<String, long[]> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("UPDATE ledger_account SET pending_holds = pending_holds + ?, "
                + "posted = posted + ? WHERE account_id = ?");
        for (Map.Entry<String, long[]> e : deltas.entrySet()) {
            s.setLong(1, e.getValue()[0]);
            s.setLong(2, e.getValue()[1]);
            s.setString(3, e.getKey());
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void setNullableLong(PreparedStatement s, int index, long value) throws SQLException {
        if (value == 0) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
