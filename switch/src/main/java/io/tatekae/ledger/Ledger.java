package io.tatekae.ledger;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The money record of truth, fed from the journal. Applying is idempotent: records at or below
 * {@link #lastPostedSequence()} are skipped, and a hold is placed and closed at most once.
 */
public interface Ledger extends AutoCloseable {
    /** The last journal sequence applied (0 for a new ledger). */
    long lastPostedSequence();

    /**
     * Applies the batch in one transaction, together with the new position. The batch must continue
     * the journal without a gap (its first new record is {@code lastPostedSequence() + 1}).
     *
     * @throws LedgerUnavailableException when the database fails; nothing was applied
     */
    ApplyResult apply(LedgerBatch batch);

    /** The account's open holds and posted total; zeros for an account the ledger has never seen. */
    AccountBalance balance(String accountId);

    /** Every account, ordered by id: for reconciliation with the in-memory state. */
    List<AccountBalance> balances();

    Optional<HoldView> hold(long holdId);

    /** Accounts whose totals disagree with their hold and transfer rows (none expected; at most 1,000 listed). */
    List<TotalsDifference> checkTotals();

    /**
     * Rebuilds the accounts' rows and totals from the journal records up to the ledger's position, in one
     * transaction (see {@link LedgerAudit}); the writer only.
     *
     * @return the accounts rebuilt
     * @throws io.tatekae.journal.JournalException when the journal no longer holds those records
     */
    int repairFromJournal(Path journalDirectory, Collection<String> accounts);

    /** Points earned and not yet expired at {@code asOfMillis}, less refunds; never negative. */
    long pointsBalance(String accountId, long asOfMillis);

    @Override
    void close();
}
