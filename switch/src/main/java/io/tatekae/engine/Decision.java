package io.tatekae.engine;

/** What the engine answers to one request; preallocated per ring slot. */
public final class Decision {
    public static final long NO_BALANCE = Long.MIN_VALUE;

    public Outcome outcome;
    /** False when the request gets no response at all (e.g. unreadable MTI or a response MTI). */
    public boolean respond;
    /** DE 38 as six ASCII bytes, valid when {@link #hasAuthCode}. */
    public final byte[] authCode = new byte[AuthCodes.LENGTH];
    public boolean hasAuthCode;
    /** Available credit for DE 54, or {@link #NO_BALANCE}. */
    public long availableCredit;
    /** DE 48 tag 87 ('M', 'N', 'P') or 0 when not reported. */
    public byte cav2Result;
    /** DE 48 tag 88 ('M', 'P', 'N', 'U') or 0 when not reported. */
    public byte nameResult;
    /** True when the decision changed money (a journal record was appended for it). */
    public boolean changedMoney;

    public void clear() {
        outcome = Outcome.INTERNAL_ERROR;
        respond = true;
        hasAuthCode = false;
        availableCredit = NO_BALANCE;
        cav2Result = 0;
        nameResult = 0;
        changedMoney = false;
    }

    public void set(Outcome o) {
        outcome = o;
    }
}
