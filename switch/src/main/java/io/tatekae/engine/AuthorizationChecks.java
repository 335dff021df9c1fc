package io.tatekae.engine;

import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.engine.name.NameMatcher;
import io.tatekae.engine.name.NameResult;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.CardStatus;

/**
 * The policy's checks for an 0100, in the policy's order (issuer-policy.md "Checks, in order"); the
 * first that fails decides. Reads the loaded {@link CardContext}; changes nothing.
 */
final class AuthorizationChecks {
    private static final byte CAV2_MATCH = 'M';
    private static final byte CAV2_NO_MATCH = 'N';
    private static final byte CAV2_NOT_PROVIDED = 'P';
    private static final int ENTRY_CREDENTIAL_ON_FILE = 10;
    private static final int ENTRY_ECOMMERCE = 81;
    private static final int CONDITION_ECOMMERCE = 59;

    private final PolicySettings policy;
    private final Cav2Calculator cav2;
    private final NameMatcher names;
    private final MerchantScreen merchants;
    private final TokyoCalendar calendar;
    private AccountStanding standing = AccountStanding.NONE;

    AuthorizationChecks(PolicySettings policy, Cav2Calculator cav2, NameMatcher names) {
        this.policy = policy;
        this.cav2 = cav2;
        this.names = names;
        this.merchants = new MerchantScreen(policy);
        this.calendar = new TokyoCalendar(policy.zone);
    }

    void standing(AccountStanding s) {
        standing = s;
    }

    /** Checks a purchase or balance inquiry on a known card (check 2 passed). */
    Outcome check(AuthRequest r, CardContext c, Decision d, long now) {
        if (c.cardStatus() != CardStatus.ACTIVE) {
            return Outcome.CARD_NOT_ACTIVE;
        }
        if (c.accountStatus() == AccountStatus.DELINQUENT || now >= standing.pastDueFrom(c.accountIndex())) {
            return Outcome.ACCOUNT_DELINQUENT;
        }
        if (r.expiry != c.expiryYymm() || calendar.expired(c.expiryYymm(), now)) {
            return Outcome.EXPIRED_CARD;
        }
        int type = r.transactionType();
        Outcome o = checkCardholder(r, c, d, type == TransactionType.PURCHASE);
        if (o != null) {
            return o;
        }
        if (type != TransactionType.PURCHASE && type != TransactionType.BALANCE_INQUIRY) {
            return Outcome.UNSUPPORTED_TRANSACTION;
        }
        if (r.entryMode >= 0 && policy.cardPresentEntryMode[r.entryMode]) {
            return Outcome.CARD_PRESENT_NOT_ALLOWED;
        }
        if (type == TransactionType.BALANCE_INQUIRY) {
            return r.amount == 0 ? Outcome.APPROVED : Outcome.INVALID_AMOUNT;
        }
        return checkPurchase(r, c, now);
    }

    /** Checks 6 and 7: CAV2 and cardholder name; null when both pass. */
    private Outcome checkCardholder(AuthRequest r, CardContext c, Decision d, boolean purchase) {
        if (r.cav2Length >= 0) {
            boolean match = cav2.verify(r.data, r.panOffset, r.panLength, c.expiryYymm(), r.data, r.cav2Offset, r.cav2Length);
            r.wipeCav2();
            d.cav2Result = match ? CAV2_MATCH : CAV2_NO_MATCH;
            if (!match) {
                return Outcome.CAV2_MISMATCH;
            }
        } else {
            d.cav2Result = CAV2_NOT_PROVIDED;
            if (purchase && r.entryMode >= 0 && policy.cav2RequiredEntryMode[r.entryMode]) {
                return Outcome.CAV2_MISSING;
            }
        }
        NameResult name = r.typedNameLength < 0 ? NameResult.NOT_SUPPLIED
                : names.match(r.data, r.typedNameOffset, r.typedNameLength, c.nameForms(), c.nameFormOffset());
        d.nameResult = name.code();
        return name == NameResult.NO_MATCH ? Outcome.NAME_MISMATCH : null;
    }

    /** Checks 9 to 15 for a purchase. */
    private Outcome checkPurchase(AuthRequest r, CardContext c, long now) {
        if (r.currency != policy.currency) {
            return Outcome.FOREIGN_CURRENCY;
        }
        if (r.acquirerCountry != policy.homeCountryNumeric
                || (r.merchantCountry >= 0 && r.merchantCountry != policy.homeCountryAlpha)
                || (r.posCountry > 0 && r.posCountry != policy.homeCountryNumeric)) {
            return Outcome.FOREIGN_MERCHANT;
        }
        if (merchants.blocked(r)) {
            return Outcome.BLOCKED_MERCHANT;
        }
        if (merchants.subscription(r)) {
            return Outcome.RECURRING_NOT_ALLOWED;
        }
        boolean ecommerce = r.entryMode == ENTRY_ECOMMERCE || r.posCondition == CONDITION_ECOMMERCE;
        if (ecommerce && r.entryMode != ENTRY_CREDENTIAL_ON_FILE && r.amount >= policy.threeDsThresholdYen
                && (r.eci < 0 || !policy.acceptedEci[r.eci])) {
            return Outcome.THREE_DS_REQUIRED;
        }
        if (r.amount <= 0) {
            return Outcome.INVALID_AMOUNT;
        }
        if (r.amount > policy.perTransactionLimitYen) {
            return Outcome.OVER_TRANSACTION_LIMIT;
        }
        if (c.approvalsReached(now - policy.velocityWindowMillis, policy.velocityMaxApprovals)) {
            return Outcome.VELOCITY_EXCEEDED;
        }
        if (r.amount > c.availableCredit()) {
            return Outcome.INSUFFICIENT_CREDIT;
        }
        return Outcome.APPROVED;
    }

    /** Refunds need a known card that is not closed, and a positive amount (issuer-policy.md). */
    Outcome checkRefund(AuthRequest r, CardContext c) {
        if (c.cardStatus() == CardStatus.CLOSED) {
            return Outcome.CARD_NOT_ACTIVE;
        }
        return r.amount > 0 ? Outcome.APPROVED : Outcome.INVALID_AMOUNT;
    }
}
