package io.tatekae.state;

/** What the decision checks need to know about one account; a mutable, reusable holder. Money in yen. */
public final class AccountState {
    public static final int ID_CAPACITY = 16;
    public static final long MAX_CREDIT_LIMIT = 10_000_000;

    private final AsciiSlot id = new AsciiSlot("account id", ID_CAPACITY);
    private int index = -1;
    private AccountPlan plan = AccountPlan.STANDARD;
    private AccountStatus status = AccountStatus.GOOD;
    private boolean kycVerified;
    private long creditLimit;
    private long outstanding;
    private long openHolds;

    /** Dense index assigned by the store when the account is first added. */
    public int index() {
        return index;
    }

    public AccountState index(int index) {
        this.index = index;
        return this;
    }

    /** Account id as the card management system gave it (at most 16 ASCII characters). */
    public AsciiSlot id() {
        return id;
    }

    public AccountPlan plan() {
        return plan;
    }

    public AccountState plan(AccountPlan plan) {
        this.plan = plan;
        return this;
    }

    public AccountStatus status() {
        return status;
    }

    public AccountState status(AccountStatus status) {
        this.status = status;
        return this;
    }

    public boolean kycVerified() {
        return kycVerified;
    }

    public AccountState kycVerified(boolean verified) {
        this.kycVerified = verified;
        return this;
    }

    public long creditLimit() {
        return creditLimit;
    }

    public AccountState creditLimit(long yen) {
        this.creditLimit = yen;
        return this;
    }

    /** Posted, unpaid amount the account owes. */
    public long outstanding() {
        return outstanding;
    }

    public AccountState outstanding(long yen) {
        this.outstanding = yen;
        return this;
    }

    /** Sum of the open holds of all the account's cards. */
    public long openHolds() {
        return openHolds;
    }

    public AccountState openHolds(long yen) {
        this.openHolds = yen;
        return this;
    }

    public AccountState copyFrom(AccountState o) {
        id.copyFrom(o.id);
        index = o.index;
        plan = o.plan;
        status = o.status;
        kycVerified = o.kycVerified;
        creditLimit = o.creditLimit;
        outstanding = o.outstanding;
        openHolds = o.openHolds;
        return this;
    }

    public boolean sameAs(AccountState o) {
        return id.contentEquals(o.id) && index == o.index && plan == o.plan && status == o.status
                && kycVerified == o.kycVerified && creditLimit == o.creditLimit
                && outstanding == o.outstanding && openHolds == o.openHolds;
    }

    @Override
    public String toString() {
        return "AccountState[" + id + " #" + index + " " + plan + " " + status + " kyc=" + kycVerified
                + " credit=" + creditLimit + " outstanding=" + outstanding + " holds=" + openHolds + "]";
    }
}
