package io.tatekae.state.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tatekae.state.AccountPlan;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountStatus;

/** A validated {@code "type":"account"} line. {@code outstanding} is −1 when the line does not give it. */
record AccountRecord(String id, long creditLimit, AccountPlan plan, AccountStatus status, boolean kycVerified,
                     long outstanding) {
    static final long MAX_OUTSTANDING = 100_000_000;

    static AccountRecord parse(ObjectNode obj) throws InvalidRecordException {
        String id = accountId(obj, "id");
        long creditLimit = RecordFields.wholeNumber(obj, "creditLimit", 1, AccountState.MAX_CREDIT_LIMIT);
        AccountPlan plan = RecordFields.oneOf(obj, "plan", AccountPlan.class);
        AccountStatus status = RecordFields.oneOf(obj, "status", AccountStatus.class);
        boolean kyc = RecordFields.bool(obj, "kycVerified");
        long outstanding = RecordFields.present(obj, "outstanding")
                ? RecordFields.wholeNumber(obj, "outstanding", 0, MAX_OUTSTANDING) : -1;
        return new AccountRecord(id, creditLimit, plan, status, kyc, outstanding);
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

    boolean givesOutstanding() {
        return outstanding >= 0;
    }
}
