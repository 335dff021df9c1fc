package io.tatekae.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The SQL that writes a batch's statements, payments and changes (V2__billing.sql) as JDBC batches. */
final class BillingRows {
    private BillingRows() {
    }

    static void write(WriterStatements w, BatchPlan plan) throws SQLException {
        insertStatements(w, plan);
        insertPayments(w, plan);
        insertChanges(w, plan);
    }

    private static void insertStatements(WriterStatements w, BatchPlan plan) throws SQLException {
        if (plan.statements.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_statement (account_id, bill_month, due_date, "
                + "carried_over, purchases, refunds, plan_fee, billing_fee, points_used, amount_due, closed_seq, closed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (BatchPlan.StatementRow r : plan.statements) {
            s.setString(1, r.accountId());
            s.setInt(2, r.month());
            s.setInt(3, r.dueDate());
            s.setLong(4, r.carriedOver());
            s.setLong(5, r.purchases());
            s.setLong(6, r.refunds());
            s.setLong(7, r.planFee());
            s.setLong(8, r.billingFee());
            s.setLong(9, r.pointsUsed());
            s.setLong(10, r.amountDue());
            s.setLong(11, r.closedSeq());
            s.setLong(12, r.closedAt());
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void insertPayments(WriterStatements w, BatchPlan plan) throws SQLException {
        if (plan.payments.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_payment (posting_id, account_id, amount, method, "
                + "reference, paid_at, applied_seq, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (BatchPlan.PaymentRow r : plan.payments) {
            s.setLong(1, r.postingId());
            s.setString(2, r.accountId());
            s.setLong(3, r.amount());
            s.setString(4, r.method());
            s.setString(5, r.reference());
            s.setLong(6, r.paidAt());
            s.setLong(7, r.appliedSeq());
            s.setLong(8, r.appliedAt());
            s.addBatch();
        }
        s.executeBatch();
    }

    private static void insertChanges(WriterStatements w, BatchPlan plan) throws SQLException {
        if (plan.changes.isEmpty()) {
            return;
        }
        PreparedStatement s = w.get("INSERT INTO ledger_change (journal_seq, kind, account_id, masked_pan, "
                + "old_value, new_value, cause, detail, event_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (BatchPlan.ChangeRow r : plan.changes) {
            s.setLong(1, r.journalSeq());
            s.setString(2, r.kind());
            s.setString(3, r.accountId());
            s.setString(4, r.maskedPan());
            s.setLong(5, r.oldValue());
            s.setLong(6, r.newValue());
            s.setString(7, r.cause());
            s.setString(8, r.detail());
            s.setLong(9, r.eventTime());
            s.addBatch();
        }
        s.executeBatch();
    }
}
