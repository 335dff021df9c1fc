package io.tatekae.engine;

import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.AccountTable;
import io.tatekae.state.CardStatus;
import io.tatekae.state.CardTable;
import io.tatekae.state.CreditLine;
import io.tatekae.state.Luhn;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;

/**
 * The card and account a request names (policy check 2): their places in the in-memory tables and
 * the fields the checks read, read in place.
 */
final class CardContext {
    final PanKey panKey = new PanKey();
    private final CardTable cards;
    private final AccountTable accounts;
    private final PanHasher hasher;
    private int card = -1;
    private int account = -1;

    CardContext(CardTable cards, AccountTable accounts, PanHasher hasher) {
        this.cards = cards;
        this.accounts = accounts;
        this.hasher = hasher;
    }

    /** Hashes the request's PAN into {@link #panKey} (for duplicate checks even when the card is unknown). */
    void hash(AuthRequest r) {
        hasher.hash(r.data, r.panOffset, r.panLength, panKey);
    }

    /** Starts loading the card table's line for the PAN hashed last ({@link #load} reads it). */
    void touchCard() {
        cards.touchHome(panKey.hi(), panKey.lo());
    }

    /**
     * Finds card and account for the PAN hashed last; false for a PAN failing Luhn or unknown. Starts
     * loading the account's line and the card's other lines at once, so that their misses overlap.
     */
    boolean load(AuthRequest r) {
        if (!Luhn.valid(r.data, r.panOffset, r.panLength)) {
            return false;
        }
        card = cards.find(panKey.hi(), panKey.lo());
        if (card < 0) {
            return false;
        }
        account = cards.accountIndex(card);
        if (!accounts.exists(account)) {
            return false;
        }
        accounts.touch(account);
        cards.touch(card);
        return true;
    }

    CardStatus cardStatus() {
        return cards.status(card);
    }

    int expiryYymm() {
        return cards.expiryYymm(card);
    }

    AccountStatus accountStatus() {
        return accounts.status(account);
    }

    AccountPlan plan() {
        return accounts.plan(account);
    }

    int accountIndex() {
        return account;
    }

    /** Check 15: min(card limit, account credit limit) − outstanding − open holds (negative when over). */
    long availableCredit() {
        return CreditLine.available(cards.limit(card), accounts.creditLimit(account), accounts.outstanding(account),
                accounts.openHolds(account));
    }

    byte[] nameForms() {
        return cards.forms();
    }

    int nameFormOffset() {
        return cards.nameFormOffset(card);
    }

    boolean approvalsReached(long fromMillis, int max) {
        return cards.approvalsReached(card, fromMillis, max);
    }

    /** Raises the account's open holds and records the approval for velocity; returns the undo for the velocity. */
    void placeHold(long amount, long nowMillis, BatchUndo undo, long keyA, long keyB) {
        accounts.openHolds(account, accounts.openHolds(account) + amount);
        undo.placed(keyA, keyB, account, amount, panKey.hi(), panKey.lo(), cards.velocityCount(card),
                cards.displacedApproval(card));
        cards.recordApproval(card, nowMillis);
    }

    int copyMaskedPan(byte[] to) {
        return cards.copyMaskedPan(card, to);
    }

    int copyAccountId(byte[] to) {
        return accounts.copyId(account, to);
    }
}
