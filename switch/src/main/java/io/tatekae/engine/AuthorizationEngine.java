package io.tatekae.engine;

import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.engine.name.NameMatcher;
import io.tatekae.state.LiveState;
import io.tatekae.state.PanHasher;

import java.time.InstantSource;

/**
 * The decision engine: pure (no I/O, no locks, time from an injected clock), single-threaded, and
 * allocation-free per message. Authorizations run the policy's checks; approvals raise the
 * account's open holds at once; advices force holds; reversals void or lower them; duplicates get
 * their original answer again (profile §7).
 */
public final class AuthorizationEngine implements Authorizer {
    private static final int EXPIRIES_PER_TICK = 1_000;

    private final InstantSource clock;
    private final MoneyLog money;
    private final TxnTable txns;
    private final CardContext ctx;
    private final AuthorizationChecks checks;
    private final Holds holds;
    private final AuthCodes authCodes;
    private final Postings postings;
    private long lastAuthCounter = -1;
    // The request being decided: its key and duplicate content (see identify).
    private long keyA;
    private long keyB;
    private long amountAndCode;
    private long merchant;

    public AuthorizationEngine(LiveState state, PanHasher hasher, Cav2Calculator cav2, PolicySettings policy,
                               InstantSource clock, MoneyLog money, TxnTable txns, EngineSeed seed, int maxBatch) {
        this.clock = clock;
        this.money = money;
        this.txns = txns;
        this.ctx = new CardContext(state.cards(), state.accounts(), hasher);
        this.checks = new AuthorizationChecks(policy, cav2, new NameMatcher());
        this.holds = new Holds(state.cards(), state.accounts(), txns, money, policy.holdLifetimeMillis(), seed.nextHoldId(),
                maxBatch);
        this.authCodes = new AuthCodes(seed.nextAuthCounter());
        this.postings = new Postings(state, txns, money, clock);
    }

    /** Where check 4 learns which accounts have a bill past due (billing); set before the pipeline starts. */
    public AuthorizationEngine standing(AccountStanding s) {
        checks.standing(s);
        return this;
    }

    /** Clearing, refunds, payments and opening balances: admin work, on the decision thread only. */
    public Postings postings() {
        return postings;
    }

    @Override
    public void decide(AuthRequest r, Decision d) {
        long now = clock.millis();
        switch (r.kind) {
            case AUTHORIZATION -> authorization(r, d, now, false);
            case ADVICE -> authorization(r, d, now, true);
            case REVERSAL, REVERSAL_ADVICE -> reversal(r, d, now);
            default -> d.set(Outcome.UNSUPPORTED_TRANSACTION);
        }
    }

    @Override
    public boolean endOfBatch() {
        if (money.commit()) {
            holds.batchCommitted();
            postings.committed();
            return true;
        }
        postings.failed();
        return false;
    }

    @Override
    public void batchFailed() {
        holds.batchFailed();
    }

    /** Releases holds past their lifetime, a bounded number per tick. */
    @Override
    public void onTick() {
        holds.expire(clock.millis(), EXPIRIES_PER_TICK);
    }

    public EngineSeed seed() {
        return new EngineSeed(holds.nextHoldId(), authCodes.next());
    }

    private void authorization(AuthRequest r, Decision d, long now, boolean advice) {
        identify(r);
        long a = keyA;
        long b = keyB;
        int slot = txns.find(a, b);
        if (slot >= 0 && txns.state(slot) != TxnTable.REVERSED_BEFORE_ORIGINAL) {
            replayOrMismatch(slot, d);
            return;
        }
        if (slot >= 0) {
            // Its reversal came first: decline, hold nothing, and remember this answer for duplicates.
            d.set(Outcome.ORIGINAL_AFTER_REVERSAL);
            remember(slot, TxnTable.ANSWERED, d);
            return;
        }
        if (!holds.makeRoom(1)) {
            d.set(Outcome.UNAVAILABLE);
            return;
        }
        if (advice) {
            decideAdvice(r, d, now);
        } else {
            decideAuthorization(r, d, now);
        }
        slot = txns.insert(a, b, TxnTable.ANSWERED, now);
        remember(slot, TxnTable.ANSWERED, d);
        if (d.changedMoney) {
            holds.place(slot, ctx, r.amount, now, advice, r);
        }
    }

    private void decideAuthorization(AuthRequest r, Decision d, long now) {
        if (!ctx.load(r)) {
            d.set(Outcome.UNKNOWN_CARD);
            return;
        }
        int type = r.transactionType();
        Outcome o = type == TransactionType.REFUND ? checks.checkRefund(r, ctx) : checks.check(r, ctx, d, now);
        d.set(o);
        if (o != Outcome.APPROVED) {
            return;
        }
        long available = ctx.availableCredit();
        issueAuthCode(d);
        if (type == TransactionType.PURCHASE) {
            d.changedMoney = true;
            available -= r.amount;
        }
        d.availableCredit = available;
    }

    /** An 0120 the network approved on our behalf places its hold even over the limit. */
    private void decideAdvice(AuthRequest r, Decision d, long now) {
        if (!ctx.load(r)) {
            d.set(Outcome.UNKNOWN_CARD);
            return;
        }
        d.set(Outcome.APPROVED);
        boolean approvedByNetwork = r.adviceResponseCode == ('0' << 8 | '0');
        if (approvedByNetwork && r.transactionType() == TransactionType.PURCHASE && r.amount > 0) {
            d.changedMoney = true;
        }
    }

    private void reversal(AuthRequest r, Decision d, long now) {
        identify(r);
        long a = keyA;
        long b = keyB;
        int slot = txns.find(a, b);
        if (slot >= 0) {
            replayOrMismatch(slot, d);
            return;
        }
        if (!holds.makeRoom(2)) {
            d.set(Outcome.UNAVAILABLE);
            return;
        }
        boolean advice = r.kind == MessageKind.REVERSAL_ADVICE;
        long oa = TxnTable.keyA(r.originalDateTime, r.originalStan);
        long ob = TxnTable.keyB(r.originalAcquirerId, r.originalMti);
        int original = txns.find(oa, ob);
        if (original >= 0 && !txns.samePan(original, ctx.panKey.hi(), ctx.panKey.lo())) {
            original = -1; // names a transaction of another card: not its original
        }
        if (original < 0) {
            if (txns.find(oa, ob) < 0) {
                txns.insert(oa, ob, TxnTable.REVERSED_BEFORE_ORIGINAL, now);
            }
            d.set(advice ? Outcome.APPROVED : Outcome.ORIGINAL_NOT_FOUND);
        } else {
            d.changedMoney = holds.reverse(original, r.replacementAmount, now, a, b);
            d.set(Outcome.APPROVED);
        }
        slot = txns.insert(a, b, TxnTable.ANSWERED, now);
        remember(slot, TxnTable.ANSWERED, d);
    }

    /**
     * The request's key (MTI + DE 7 + DE 11 + DE 32) and the content a duplicate must repeat. Once the
     * PAN is hashed, the transaction table's and the card table's lines start loading together, and
     * the hashes below are computed while they are on their way.
     */
    private void identify(AuthRequest r) {
        keyA = TxnTable.keyA(r.transmissionDateTime, r.stan);
        keyB = TxnTable.keyB(r.acquirerId, r.mti);
        ctx.hash(r);
        txns.touch(keyA, keyB);
        ctx.touchCard();
        amountAndCode = amountAndCode(r);
        merchant = merchantHash(r);
    }

    private void replayOrMismatch(int slot, Decision d) {
        if (!txns.sameContent(slot, ctx.panKey.hi(), ctx.panKey.lo(), amountAndCode, merchant)) {
            d.set(Outcome.DUPLICATE_MISMATCH);
            return;
        }
        d.set(txns.outcome(slot));
        long counter = txns.authCounter(slot);
        if (counter >= 0) {
            AuthCodes.write(counter, d.authCode, 0);
            d.hasAuthCode = true;
        }
        d.nameResult = txns.nameResult(slot);
        d.cav2Result = txns.cav2Result(slot);
        d.availableCredit = txns.balance(slot);
    }

    private void remember(int slot, byte state, Decision d) {
        txns.state(slot, state);
        txns.outcome(slot, d.outcome);
        txns.results(slot, d.nameResult, d.cav2Result);
        txns.content(slot, ctx.panKey.hi(), ctx.panKey.lo(), amountAndCode, merchant);
        txns.balance(slot, d.availableCredit);
        txns.authCounter(slot, d.hasAuthCode ? lastAuthCounter : -1);
    }

    private void issueAuthCode(Decision d) {
        lastAuthCounter = authCodes.issue(d.authCode, 0);
        d.hasAuthCode = true;
    }

    private static long amountAndCode(AuthRequest r) {
        return r.amount * 1_000_000L + Math.max(0, r.processingCode);
    }

    /** FNV-1a over DE 42's bytes. */
    private static long merchantHash(AuthRequest r) {
        long h = 0xcbf29ce484222325L;
        for (int i = r.merchantIdOffset; i < r.merchantIdOffset + r.merchantIdLength; i++) {
            h = (h ^ (r.data[i] & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }
}
