package io.tatekae.state;

/**
 * What the decision checks need to know about one card. A mutable holder: the decision thread keeps
 * one and reads each card into it. Holds no PAN (only its {@link PanKey} and masked form) and no CAV2.
 */
public final class CardState {
    public static final int MASKED_PAN_CAPACITY = MaskedPan.MAX_LENGTH;
    public static final int NAME_CAPACITY = 45;
    public static final int NAME_CANONICAL_CAPACITY = 64;
    public static final long MIN_LIMIT = 3_000;
    public static final long MAX_LIMIT = 50_000;

    private final PanKey panKey = new PanKey();
    private final AsciiSlot maskedPan = new AsciiSlot("masked PAN", MASKED_PAN_CAPACITY);
    private final AsciiSlot name = new AsciiSlot("cardholder name", NAME_CAPACITY);
    private final AsciiSlot nameCanonical = new AsciiSlot("canonical name", NAME_CANONICAL_CAPACITY);
    private final VelocityRing velocity = new VelocityRing();
    private int expiryYymm;
    private CardStatus status = CardStatus.PENDING;
    private long limit;
    private int accountIndex = -1;

    /** The store key; set it with {@code panKey().copyFrom(...)} or {@link PanHasher#hash}. */
    public PanKey panKey() {
        return panKey;
    }

    public AsciiSlot maskedPan() {
        return maskedPan;
    }

    /** Cardholder name as provisioned (uppercase printable ASCII, at most 45 bytes). */
    public AsciiSlot name() {
        return name;
    }

    /** Canonical form for name matching; filled by the name-matching code, empty until then. */
    public AsciiSlot nameCanonical() {
        return nameCanonical;
    }

    public void setNameCanonical(byte[] src, int off, int len) {
        nameCanonical.set(src, off, len);
    }

    public VelocityRing velocity() {
        return velocity;
    }

    /** Expiry as the integer YYMM (2812 = December 2028). */
    public int expiryYymm() {
        return expiryYymm;
    }

    public CardState expiryYymm(int yymm) {
        this.expiryYymm = yymm;
        return this;
    }

    public CardStatus status() {
        return status;
    }

    public CardState status(CardStatus status) {
        this.status = status;
        return this;
    }

    /** The card's own credit line in yen. */
    public long limit() {
        return limit;
    }

    public CardState limit(long yen) {
        this.limit = yen;
        return this;
    }

    public int accountIndex() {
        return accountIndex;
    }

    public CardState accountIndex(int index) {
        this.accountIndex = index;
        return this;
    }

    public CardState copyFrom(CardState other) {
        panKey.copyFrom(other.panKey);
        maskedPan.copyFrom(other.maskedPan);
        name.copyFrom(other.name);
        nameCanonical.copyFrom(other.nameCanonical);
        velocity.copyFrom(other.velocity);
        expiryYymm = other.expiryYymm;
        status = other.status;
        limit = other.limit;
        accountIndex = other.accountIndex;
        return this;
    }

    public boolean sameAs(CardState o) {
        return panKey.equals(o.panKey) && maskedPan.contentEquals(o.maskedPan) && name.contentEquals(o.name)
                && nameCanonical.contentEquals(o.nameCanonical) && velocity.sameAs(o.velocity)
                && expiryYymm == o.expiryYymm && status == o.status && limit == o.limit
                && accountIndex == o.accountIndex;
    }

    @Override
    public String toString() {
        return "CardState[" + maskedPan + " " + status + " exp=" + expiryYymm + " limit=" + limit
                + " account=" + accountIndex + " recentPurchases=" + velocity.count() + "]";
    }
}
