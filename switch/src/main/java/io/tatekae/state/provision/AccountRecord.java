package io.tatekae.state.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountTerms;
import io.tatekae.state.AccountStatus;

/**
 * A validated {@code "type":"account"} line. {@code creditLimit} and {@code outstanding} are −1, and
 * {@code directDebit} and {@code history} null, when the line does not give them.
 */
record AccountRecord(String id, long creditLimit, AccountPlan plan, AccountStatus status, boolean kycVerified,
                     long outstanding, Boolean directDebit, History history) {
    static final long MAX_OUTSTANDING = 100_000_000;

    /** The customer's history with the issuer's other payment products (billing.md §6). */
    record History(int statementsClosed, int statementsLate, int purchases, long purchaseYen) {
    }

    static AccountRecord parse(ObjectNode obj) throws InvalidRecordException {
        String id = accountId(obj, "id");
        long creditLimit = RecordFields.present(obj, "creditLimit")
                ? RecordFields.wholeNumber(obj, "creditLimit", 1, AccountState.MAX_CREDIT_LIMIT) : -1;
        AccountPlan plan = RecordFields.oneOf(obj, "plan", AccountPlan.class);
        AccountStatus status = RecordFields.oneOf(obj, "status", AccountStatus.class);
        boolean kyc = RecordFields.bool(obj, "kycVerified");
        long outstanding = RecordFields.present(obj, "outstanding")
                ? RecordFields.wholeNumber(obj, "outstanding", 0, MAX_OUTSTANDING) : -1;
        Boolean directDebit = RecordFields.present(obj, "directDebit") ? RecordFields.bool(obj, "directDebit") : null;
        return new AccountRecord(id, creditLimit, plan, status, kyc, outstanding, directDebit, history(obj));
    }

    private static History history(ObjectNode obj) throws InvalidRecordException {
        if (!RecordFields.present(obj, "history")) {
            return null;
        }
        if (!(obj.get("history") instanceof ObjectNode h)) {
            throw new InvalidRecordException("\"history\" must be an object {\"statementsClosed\",\"statementsLate\",\"purchases\",\"purchaseYen\"}");
        }
        int closed = (int) count(h, "statementsClosed");
        int late = (int) count(h, "statementsLate");
        if (late > closed) {
            throw new InvalidRecordException("\"history.statementsLate\" must not exceed \"history.statementsClosed\"");
        }
        int purchases = (int) count(h, "purchases");
        long yen = RecordFields.present(h, "purchaseYen")
                ? RecordFields.wholeNumber(h, "purchaseYen", 0, AccountTerms.MAX_HISTORY_YEN) : 0;
        return new History(closed, late, purchases, yen);
    }

    private static long count(ObjectNode h, String field) throws InvalidRecordException {
        return RecordFields.present(h, field) ? RecordFields.wholeNumber(h, field, 0, AccountTerms.MAX_HISTORY_COUNT) : 0;
    }

    /** An account id: 1..16 printable ASCII characters without spaces. */
    static String accountId(ObjectNode obj, String field) throws InvalidRecordException {
        String id = RecordFields.text(obj, field);
        boolean ok = !id.isEmpty() && id.length() <= AccountState.ID_CAPACITY && RecordFields.isPrintableAscii(id)
                && id.indexOf(' ') < 0;
        if (!ok) {
            throw new InvalidRecordException("\"" + field + "\" must be an account id of 1 to "
                    + AccountState.ID_CAPACITY + " printable ASCII characters without spaces");
        }
        return id;
    }

    boolean givesCreditLimit() {
        return creditLimit > 0;
    }

    boolean givesOutstanding() {
        return outstanding >= 0;
    }
}
