package io.tatekae.state;

import java.util.function.Consumer;

/**
 * The state the decision thread works on: the cards and accounts of the persistent
 * {@link ChronicleStateStore}, with what authorizations read and write mirrored in memory
 * ({@link CardTable}, {@link AccountTable}) so that a request reads and updates a few fields in place
 * instead of (de)serializing whole Chronicle Map records.
 * <p>
 * Attributes (status, limits, names, expiry...) are written through to the store, which stays their
 * persistence. Money (open holds, outstanding) and velocity change in memory only: the journal is
 * their record and rebuilds them at every start; {@link #close} writes the changed accounts back so
 * the state files read sensibly offline. Reading a card or account through the {@link StateStore}
 * interface reads the store's record and lays the memory's fields over it.
 * <p>
 * Single-threaded: the decision thread, or the starting thread before it runs.
 */
public final class LiveState implements StateStore {
    private final ChronicleStateStore store;
    private final CardTable cards;
    private final AccountTable accounts;
    private final AccountState scratch = new AccountState();

    /**
     * Loads every card and account of the store into memory.
     *
     * @param velocitySlots recent approvals kept per card (the policy's maximum per window)
     */
    public LiveState(ChronicleStateStore store, int maxCards, int maxAccounts, int velocitySlots) {
        this.store = store;
        this.cards = new CardTable(maxCards, velocitySlots);
        this.accounts = new AccountTable(maxAccounts);
        store.forEachAccount(accounts::put);
        store.forEachCard(cards::put);
    }

    /** Writes the state files' changed pages to the disk now (after provisioning, before serving). */
    public void forceToDisk() {
        store.forceToDisk();
    }

    public CardTable cards() {
        return cards;
    }

    public AccountTable accounts() {
        return accounts;
    }

    @Override
    public boolean readCard(PanKey key, CardState into) {
        int slot = cards.find(key.hi(), key.lo());
        if (slot < 0 || !store.readCard(key, into)) {
            return false;
        }
        cards.copyTo(slot, into);
        return true;
    }

    /** Writes the card's attributes to the store and to memory; its velocity stays the one in memory. */
    @Override
    public void writeCard(CardState card) {
        int index = card.accountIndex();
        if (!accounts.exists(index)) {
            throw new IllegalArgumentException("card " + card.maskedPan() + " refers to account index " + index
                    + ", which does not exist (" + accounts.size() + " accounts)");
        }
        store.writeCard(card);
        cards.put(card);
    }

    @Override
    public boolean readAccount(int index, AccountState into) {
        if (!accounts.exists(index) || !store.readAccount(index, into)) {
            return false;
        }
        accounts.copyMoneyTo(index, into);
        return true;
    }

    @Override
    public void writeAccount(AccountState acct) {
        store.writeAccount(acct);
        accounts.put(acct);
    }

    /** Billing's terms are not read by authorizations: straight from the store. */
    @Override
    public boolean readTerms(int index, AccountTerms into) {
        return store.readTerms(index, into);
    }

    @Override
    public void writeTerms(AccountTerms terms) {
        store.writeTerms(terms);
    }

    @Override
    public int addAccount(AccountState acct) {
        int index = store.addAccount(acct);
        accounts.put(acct);
        return index;
    }

    @Override
    public int accountIndex(CharSequence id) {
        return store.accountIndex(id);
    }

    @Override
    public void forEachCard(Consumer<? super CardState> visitor) {
        store.forEachCard(card -> {
            int slot = cards.find(card.panKey().hi(), card.panKey().lo());
            if (slot >= 0) {
                cards.copyTo(slot, card);
            }
            visitor.accept(card);
        });
    }

    @Override
    public void forEachAccount(Consumer<? super AccountState> visitor) {
        store.forEachAccount(account -> {
            accounts.copyMoneyTo(account.index(), account);
            visitor.accept(account);
        });
    }

    @Override
    public long cardCount() {
        return cards.size();
    }

    @Override
    public int accountCount() {
        return accounts.size();
    }

    /** Writes the accounts whose money changed in memory back to the state files (at a graceful stop). */
    public void writeBackMoney() {
        var dirty = accounts.dirty();
        for (int i = dirty.nextSetBit(0); i >= 0; i = dirty.nextSetBit(i + 1)) {
            if (store.readAccount(i, scratch)) {
                accounts.copyMoneyTo(i, scratch);
                store.writeAccount(scratch);
            }
        }
        dirty.clear();
    }

    /** Writes the changed money back, then closes the store. */
    @Override
    public void close() {
        writeBackMoney();
        store.close();
    }
}
