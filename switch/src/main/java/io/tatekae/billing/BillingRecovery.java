package io.tatekae.billing;

import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.LongSource;
import io.tatekae.engine.name.CardholderName;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountTerms;
import io.tatekae.state.CardState;
import io.tatekae.state.CardStatus;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

import java.util.Map;

/**
 * Rebuilds billing at start: from the newest snapshot's billing section, if there is one, then every
 * journal event after it, in journal order, goes to the {@link BillingState}; then {@link #finish}
 * brings the state store in line with what the journal says billing did. Limits and direct debit reach the store only after their batch commits, so a crash in
 * between leaves the old value there: each journaled change is applied again when the store still
 * holds the value it changed from (a later provisioning that set something else wins). Issued cards the
 * store lost are re-created from their CARD_ISSUED record; one left PENDING by a crash becomes ACTIVE.
 */
public final class BillingRecovery {
    private static final System.Logger LOG = System.getLogger(BillingRecovery.class.getName());

    private final BillingState state;
    private long events;

    public BillingRecovery(BillingState state) {
        this.state = state;
    }

    public void apply(HoldEvent e) {
        state.apply(e);
    }

    public void apply(BillingEvent e) {
        events++;
        state.apply(e);
    }

    /** Billing's part of a snapshot, read before the journal after it is applied. */
    public void importFrom(LongSource in) {
        state.importFrom(in);
    }

    public long events() {
        return events;
    }

    /** Brings the store in line with the journal; returns what it changed, for the log. */
    public String finish(StateStore store) {
        int recreated = 0;
        int activated = 0;
        CardState card = new CardState();
        PanKey key = new PanKey();
        for (BillingEvent issued : state.issuedCards().values()) {
            if (!store.readCard(key.set(issued.panHi, issued.panLo), card)) {
                if (!store.readAccount(issued.accountIndex, new AccountState())) {
                    LOG.log(System.Logger.Level.ERROR, "billing: issued card " + issued.maskedPan + " names account "
                            + issued.accountId + ", which the state store lacks; provision the account and restart");
                    continue;
                }
                store.writeCard(recreate(issued, card));
                recreated++;
            } else if (card.status() == CardStatus.PENDING) {
                store.writeCard(card.status(CardStatus.ACTIVE));
                activated++;
            }
        }
        int limits = replayCardLimits(store, card, key) + replayCreditLimits(store);
        return recreated + " issued cards re-created, " + activated + " activated, " + limits + " limits re-applied";
    }

    private static CardState recreate(BillingEvent issued, CardState card) {
        card.panKey().set(issued.panHi, issued.panLo);
        card.maskedPan().set(issued.maskedPan);
        card.name().set(issued.text);
        byte[] form = CardholderName.canonicalize(issued.text).toBytes();
        card.setNameCanonical(form, 0, form.length);
        card.velocity().clear();
        return card.expiryYymm(issued.n2).limit(issued.amount).status(CardStatus.ACTIVE).accountIndex(issued.accountIndex);
    }

    private int replayCardLimits(StateStore store, CardState card, PanKey key) {
        int changed = 0;
        for (Map.Entry<BillingState.CardKey, long[]> e : state.recentCardLimits().entrySet()) {
            if (!store.readCard(key.set(e.getKey().hi(), e.getKey().lo()), card)) {
                continue;
            }
            long limit = card.limit();
            long[] changes = e.getValue();
            for (int i = 0; i < changes.length; i += 2) {
                if (limit == changes[i]) {
                    limit = changes[i + 1];
                }
            }
            if (limit != card.limit()) {
                store.writeCard(card.limit(limit));
                changed++;
            }
        }
        return changed;
    }

    private int replayCreditLimits(StateStore store) {
        int changed = 0;
        AccountState account = new AccountState();
        AccountTerms terms = new AccountTerms();
        for (Map.Entry<Integer, long[]> e : state.recentCreditLimits().entrySet()) {
            int index = e.getKey();
            if (!store.readAccount(index, account)) {
                continue;
            }
            boolean known = store.readTerms(index, terms);
            long original = account.creditLimit();
            long limit = original;
            boolean directDebit = terms.directDebit();
            long[] changes = e.getValue();
            for (int i = 0; i < changes.length; i += 3) {
                if (limit == changes[i] && directDebit != (changes[i + 2] == 1)) {
                    limit = changes[i + 1];
                    directDebit = changes[i + 2] == 1;
                }
            }
            if (limit != original || directDebit != terms.directDebit()) {
                store.writeAccount(account.creditLimit(limit));
                store.writeTerms(terms.index(index).directDebit(directDebit)
                        .baseCreditLimit(known ? terms.baseCreditLimit() : original));
                changed++;
            }
        }
        return changed;
    }
}
