package io.tatekae.state;

import java.util.function.Consumer;

/**
 * Card and account state. Reads and updates of existing records allocate nothing and may run on the
 * decision thread; adding records and iterating are for provisioning, rebuild and reconcile.
 */
public interface StateStore extends AutoCloseable {

    /** Reads the card stored under {@code key} into {@code into}; false (into untouched) if unknown. */
    boolean readCard(PanKey key, CardState into);

    /**
     * Inserts or replaces the card under {@code card.panKey()}. Its account index must exist.
     * @throws StoreFullException when the card is new and the store holds its maximum
     */
    void writeCard(CardState card);

    /** Reads account {@code index} into {@code into}; false if there is no such account. */
    boolean readAccount(int index, AccountState into);

    /** Replaces an existing account (its index must have been assigned by {@link #addAccount}). */
    void writeAccount(AccountState acct);

    /**
     * Adds a new account under the next dense index, which it sets in {@code acct} and returns.
     * @throws IllegalArgumentException if the id exists
     * @throws StoreFullException when the store holds its maximum number of accounts
     */
    int addAccount(AccountState acct);

    /**
     * Reads the billing terms of account {@code index} into {@code into}; false when none were ever
     * stored (then {@code into} holds the defaults: no direct debit, no base limit, no history).
     */
    boolean readTerms(int index, AccountTerms into);

    /** Stores the billing terms of an existing account ({@code terms.index()}). */
    void writeTerms(AccountTerms terms);

    /** Index of the account with this id, or −1. Allocates: not for the decision thread. */
    int accountIndex(CharSequence id);

    /** Visits every card; the holder passed is reused between calls. The visitor may write to the store. */
    void forEachCard(Consumer<? super CardState> visitor);

    /** Visits every account in index order; the holder passed is reused. The visitor may write to the store. */
    void forEachAccount(Consumer<? super AccountState> visitor);

    long cardCount();

    int accountCount();

    @Override
    void close();
}
