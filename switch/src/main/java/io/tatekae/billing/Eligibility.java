package io.tatekae.billing;

import io.tatekae.state.AccountState;
import io.tatekae.state.AccountStatus;
import io.tatekae.state.AccountTerms;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may be issued the app card (billing.md §6): identity verified, enough closed statements, enough
 * posted purchases, every statement paid by its due date, not delinquent now, counting the history
 * provisioning brings from the issuer's other products. The answer is every condition not met, in words
 * a support agent can read to the customer.
 */
public final class Eligibility {
    /** The thresholds (configuration {@code issuance.*}). */
    public record Rules(int minStatements, int minPurchases, long minPurchaseYen) {
    }

    private Eligibility() {
    }

    /**
     * @param book        billing's record of the account, or null when it has none
     * @param delinquent  whether the account is delinquent now (its status, or a bill past due)
     * @return the unmet conditions; empty when a card may be issued
     */
    static List<String> refusals(Rules rules, AccountState account, AccountTerms history, AccountBook book,
                                 boolean delinquent, long now) {
        List<String> refused = new ArrayList<>();
        if (!account.kycVerified()) {
            refused.add("identity not verified");
        }
        int statements = history.statementsClosed() + (book == null ? 0 : book.statementCount());
        if (statements < rules.minStatements()) {
            refused.add(statements + " of " + rules.minStatements() + " statements closed");
        }
        int purchases = history.purchases() + (book == null ? 0 : book.purchaseCount);
        if (purchases < rules.minPurchases()) {
            refused.add(purchases + " of " + rules.minPurchases() + " purchases posted");
        }
        long yen = history.purchaseYen() + (book == null ? 0 : book.purchaseYen - book.refundYen);
        if (yen < rules.minPurchaseYen()) {
            refused.add(String.format("%,d of %,d yen of purchases posted", Math.max(0, yen), rules.minPurchaseYen()));
        }
        int late = history.statementsLate() + (book == null ? 0 : lateStatements(book, now));
        if (late == 1) {
            refused.add("a statement was paid late");
        } else if (late > 1) {
            refused.add(late + " statements were paid late");
        }
        if (delinquent || account.status() == AccountStatus.DELINQUENT) {
            refused.add("the account is delinquent: a bill is past due");
        }
        return refused;
    }

    /** The statements not paid in full by their due date (paid late, or past due and still unpaid). */
    private static int lateStatements(AccountBook book, long now) {
        int late = book.olderLate;
        for (Statement s : book.statements) {
            if (s.state(now) == Statement.State.LATE) {
                late++;
            }
        }
        return late;
    }
}
