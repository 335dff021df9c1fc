package io.tatekae.state;

/**
 * The first 16 bytes of a PAN's HMAC-SHA-256, as two big-endian longs: the key under which a card is
 * stored. Mutable so one instance can be reused per lookup; never holds the PAN itself.
 */
public final class PanKey {
    private long hi;
    private long lo;

    public PanKey() {
    }

    public PanKey(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    public PanKey set(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
        return this;
    }

    public PanKey copyFrom(PanKey other) {
        return set(other.hi, other.lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PanKey other && other.hi == hi && other.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi * 31 + lo);
    }

    /** Hex of the hash prefix; safe to log (it is not the PAN). */
    @Override
    public String toString() {
        return "PanKey[" + String.format("%016x%016x", hi, lo) + "]";
    }
}
