package io.tatekae.ledger;

import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger on embedded H2 or PostgreSQL through plain JDBC. One writer connection applies batches
 * (the poster thread); queries use short-lived connections of their own so they can run from any thread.
 * After a database failure the writer connection is dropped and reopened on the next call.
 */
public final class JdbcLedger implements Ledger {
    private final LedgerConfig config;
    private Connection writer;

    private JdbcLedger(LedgerConfig config) {
        this.config = config;
    }

    /** Connects and migrates the schema. */
    public static JdbcLedger open(LedgerConfig config) {
        JdbcLedger ledger = new JdbcLedger(config);
        try (Connection c = ledger.connect()) {
            new SchemaMigrator(config.dialect()).migrate(c);
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger " + config.jdbcUrl() + ": cannot open and migrate", e);
        }
        return ledger;
    }

    /** Connects without migrating; the first call that needs the database migrates if needed. For a poster started while the database is down. */
    public static JdbcLedger openLazily(LedgerConfig config) {
        return new JdbcLedger(config);
    }

    @Override
    public synchronized long lastPostedSequence() {
        try {
            Connection c = writer();
            try (PreparedStatement s = c.prepareStatement("SELECT last_sequence FROM ledger_position WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                long last = rs.getLong(1);
                c.commit();
                return last;
            }
        } catch (SQLException e) {
            throw dropWriter("cannot read the posted position", e);
        }
    }

    @Override
    public synchronized ApplyResult apply(LedgerBatch batch) {
        try {
            Connection c = writer();
            try {
                ApplyResult result = applyIn(c, batch);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw dropWriter("cannot apply a batch ending at journal sequence " + batch.lastSequence(), e);
        }
    }

    private ApplyResult applyIn(Connection c, LedgerBatch batch) throws SQLException {
        long position = lockPosition(c);
        List<JournalRecord> fresh = new ArrayList<>(batch.size());
        long expected = position + 1;
        for (int i = 0; i < batch.size(); i++) {
            JournalRecord r = batch.get(i);
            if (r.sequence() <= position) {
                continue;
            }
            if (r.sequence() != expected) {
                throw new LedgerException("ledger is at journal sequence " + position + " but the batch has "
                        + r.sequence() + " where " + expected + " was expected: a gap in the journal feed");
            }
            fresh.add(r);
            expected++;
        }
        int skipped = batch.size() - fresh.size();
        if (fresh.isEmpty()) {
            return new ApplyResult(0, 0, skipped, position);
        }
        BatchPlan plan = plan(c, fresh);
        LedgerRows.write(c, plan);
        long last = fresh.get(fresh.size() - 1).sequence();
        try (PreparedStatement s = c.prepareStatement("UPDATE ledger_position SET last_sequence = ? WHERE id = 1 AND last_sequence = ?")) {
            s.setLong(1, last);
            s.setLong(2, position);
            if (s.executeUpdate() != 1) {
                throw new SQLException("ledger position moved under the poster", "40001");
            }
        }
        int rejected = plan.rejections.size();
        return new ApplyResult(fresh.size() - rejected, rejected, skipped, last);
    }

    private static BatchPlan plan(Connection c, List<JournalRecord> records) throws SQLException {
        Set<Long> holdIds = new HashSet<>();
        Set<Long> eventIds = new HashSet<>();
        Set<String> accountIds = new HashSet<>();
        for (JournalRecord r : records) {
            if (isOneOffPosting(r.type())) {
                eventIds.add(r.holdId());
            } else if (isHoldRecord(r.type())) {
                holdIds.add(r.holdId());
            }
            accountIds.add(r.accountId());
        }
        List<String> accounts = List.copyOf(accountIds);
        BatchPlan plan = new BatchPlan(LedgerRows.loadHolds(c, List.copyOf(holdIds)), LedgerRows.loadAccounts(c, accounts),
                LedgerRows.loadUsedOnceKeys(c, List.copyOf(eventIds)), LedgerRows.loadStatements(c, accounts));
        for (JournalRecord r : records) {
            plan.apply(r);
        }
        return plan;
    }

    private static boolean isOneOffPosting(JournalRecordType type) {
        return type == JournalRecordType.FORCED_POST || type == JournalRecordType.REFUND_CREDIT
                || type == JournalRecordType.PAYMENT;
    }

    private static boolean isHoldRecord(JournalRecordType type) {
        return type.code() <= JournalRecordType.HOLD_CAPTURED.code();
    }

    private static long lockPosition(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_sequence FROM ledger_position WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("ledger_position row missing");
            }
            return rs.getLong(1);
        }
    }

    @Override
    public AccountBalance balance(String accountId) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT account_id, account_index, pending_holds, posted "
                     + "FROM ledger_account WHERE account_id = ?")) {
            s.setString(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? readBalance(rs) : new AccountBalance(accountId, -1, 0, 0);
            }
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger: cannot read the balance of account " + accountId, e);
        }
    }

    @Override
    public List<AccountBalance> balances() {
        List<AccountBalance> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT account_id, account_index, pending_holds, posted "
                     + "FROM ledger_account ORDER BY account_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(readBalance(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger: cannot read account balances", e);
        }
    }

    private static AccountBalance readBalance(ResultSet rs) throws SQLException {
        return new AccountBalance(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4));
    }

    @Override
    public Optional<HoldView> hold(long holdId) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT " + LedgerRows.HOLD_COLUMNS + " FROM ledger_hold WHERE hold_id = ?")) {
            s.setLong(1, holdId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(LedgerRows.readHold(rs).view()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger: cannot read hold " + holdId, e);
        }
    }

    @Override
    public long pointsBalance(String accountId, long asOfMillis) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(points), 0) FROM ledger_points "
                     + "WHERE account_id = ? AND earned_at <= ? AND expires_at > ?")) {
            s.setString(1, accountId);
            s.setLong(2, asOfMillis);
            s.setLong(3, asOfMillis);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return Math.max(0, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger: cannot read the points of account " + accountId, e);
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                // the connection is gone either way
            }
            writer = null;
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null) {
            Connection c = connect();
            try {
                new SchemaMigrator(config.dialect()).migrate(c);
                c.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            writer = c;
        }
        return writer;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.driverUrl(), config.user(), config.password());
    }

    private LedgerUnavailableException dropWriter(String what, SQLException cause) {
        close();
        return new LedgerUnavailableException("ledger " + config.jdbcUrl() + ": " + what, cause);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
