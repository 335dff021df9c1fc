package io.tatekae.engine;

import io.tatekae.state.AccountState;
import io.tatekae.state.Luhn;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

/** The card and account a request names, loaded into reusable holders (policy check 2). */
final class CardContext {
    final PanKey panKey = new PanKey();
    final io.tatekae.state.CardState card = new io.tatekae.state.CardState();
    final AccountState account = new AccountState();
    private final StateStore store;
    private final PanHasher hasher;

    CardContext(StateStore store, PanHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    /** Hashes the request's PAN into {@link #panKey} (for duplicate checks even when the card is unknown). */
    void hash(AuthRequest r) {
        hasher.hash(r.data, r.panOffset, r.panLength, panKey);
    }

    /** Loads card and account for the PAN hashed last; false for a PAN failing Luhn or unknown. */
    boolean load(AuthRequest r) {
        return Luhn.valid(r.data, r.panOffset, r.panLength)
                && store.readCard(panKey, card)
                && store.readAccount(card.accountIndex(), account);
    }

    void saveAccount() {
        store.writeAccount(account);
    }

    void saveCard() {
        store.writeCard(card);
    }
}
