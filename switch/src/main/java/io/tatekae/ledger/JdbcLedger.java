package io.tatekae.ledger;

import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger on embedded SQLite or PostgreSQL through plain JDBC. One writer connection applies batches
 * (the poster thread) and is the only one that ever writes; queries use short-lived read-only
 * connections of their own so they can run from any thread, or from another process than the poster's.
 * After a database failure the writer connection is dropped and reopened on the next call.
 */
public final class JdbcLedger implements Ledger {
    private final LedgerConfig config;
    private final LedgerConnections connections;
    private final LedgerDialect dialect;
    private final boolean writable;
    private final LedgerRows rows;
    private final String lockPositionSql;
    private Connection writer;
    private WriterStatements statements;

    private JdbcLedger(LedgerConfig config, boolean writable) {
        this.config = config;
        this.connections = new LedgerConnections(config);
        this.dialect = config.dialect();
        this.writable = writable;
        this.rows = new LedgerRows(dialect);
        this.lockPositionSql = dialect.lockPositionSql();
    }

    /** Connects and migrates the schema. */
    public static JdbcLedger open(LedgerConfig config) {
        JdbcLedger ledger = new JdbcLedger(config, true);
        LedgerMigrations.migrate(ledger.connections);
        return ledger;
    }

    /** Connects without migrating; the first call that needs the database migrates if needed. For a poster started while the database is down. */
    public static JdbcLedger openLazily(LedgerConfig config) {
        return new JdbcLedger(config, true);
    }

    /**
     * Only reads (balances, holds, points) and never migrates: for a switch whose poster runs in another
     * process, which is the ledger's single writer. {@link #apply} and {@link #lastPostedSequence} refuse.
     */
    public static JdbcLedger readOnly(LedgerConfig config) {
        return new JdbcLedger(config, false);
    }

    public LedgerConfig config() {
        return config;
    }

    @Override
    public synchronized long lastPostedSequence() {
        try {
            Connection c = writer();
            long last = lockPosition();
            c.commit();
            return last;
        } catch (SQLException e) {
            throw dropWriter("cannot read the posted position", e);
        }
    }

    @Override
    public synchronized ApplyResult apply(LedgerBatch batch) {
        try {
            Connection c = writer();
            try {
                ApplyResult result = applyIn(batch);
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

    private ApplyResult applyIn(LedgerBatch batch) throws SQLException {
        long position = lockPosition();
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
        BatchPlan plan = plan(fresh);
        LedgerRows.write(statements, plan);
        long last = fresh.get(fresh.size() - 1).sequence();
        PreparedStatement s = statements.get("UPDATE ledger_position SET last_sequence = ? WHERE id = 1 AND last_sequence = ?");
        s.setLong(1, last);
        s.setLong(2, position);
        if (s.executeUpdate() != 1) {
            throw new SQLException("ledger position moved under the poster", "40001");
        }
        int rejected = plan.rejections.size();
        return new ApplyResult(fresh.size() - rejected, rejected, skipped, last);
    }

    /** Loads only what the batch's records can touch: statements, for instance, only for the months it closes. */
    private BatchPlan plan(List<JournalRecord> records) throws SQLException {
        Set<Long> holdIds = new HashSet<>();
        Set<Long> eventIds = new HashSet<>();
        Set<String> accountIds = new HashSet<>();
        Set<String> closingAccountIds = new HashSet<>();
        for (JournalRecord r : records) {
            if (isOneOffPosting(r.type())) {
                eventIds.add(r.holdId());
            } else if (isHoldRecord(r.type())) {
                holdIds.add(r.holdId());
            } else if (r.type() == JournalRecordType.STATEMENT_CLOSED) {
                closingAccountIds.add(r.accountId());
            }
            accountIds.add(r.accountId());
        }
        BatchPlan plan = new BatchPlan(rows.loadHolds(statements, List.copyOf(holdIds)),
                rows.loadAccounts(statements, List.copyOf(accountIds)), rows.loadUsedOnceKeys(statements, List.copyOf(eventIds)),
                rows.loadStatements(statements, List.copyOf(closingAccountIds)));
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

    private long lockPosition() throws SQLException {
        try (ResultSet rs = statements.get(lockPositionSql).executeQuery()) {
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
    public List<TotalsDifference> checkTotals() {
        try (Connection c = connect()) {
            return LedgerAudit.check(c);
        } catch (SQLException e) {
            throw new LedgerUnavailableException("ledger: cannot check the account totals against their rows", e);
        }
    }

    @Override
    public synchronized int repairFromJournal(Path journalDirectory, Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return 0;
        }
        Set<String> set = Set.copyOf(accounts);
        try {
            Connection c = writer();
            try {
                long position = lockPosition();
                LedgerAudit.replace(statements, set, LedgerAudit.replay(journalDirectory, set, position));
                c.commit();
                return set.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw dropWriter("cannot repair " + set.size() + " accounts from the journal", e);
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

    /** Statements the writer keeps prepared (for tests: reuse and its bound). */
    synchronized int keptStatements() {
        return statements == null ? 0 : statements.size();
    }

    @Override
    public synchronized void close() {
        if (statements != null) {
            statements.close();
            statements = null;
        }
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
        if (!writable) {
            throw new LedgerException("ledger " + config.jdbcUrl() + ": this handle only reads (the poster in another"
                    + " process is the ledger's single writer)");
        }
        if (writer == null) {
            LedgerMigrations.migrate(connections);
            Connection c = connections.openWriter();
            try {
                c.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            writer = c;
            statements = new WriterStatements(c);
        }
        return writer;
    }

    private Connection connect() throws SQLException {
        return connections.openReader();
    }

    private LedgerUnavailableException dropWriter(String what, SQLException cause) {
        close();
        return new LedgerUnavailableException("ledger " + config.jdbcUrl() + ": " + what, cause);
    }

    /** Also closes the kept statements: one may hold part of a JDBC batch that never ran. */
    private void rollbackQuietly(Connection c, Exception cause) {
        statements.close();
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
