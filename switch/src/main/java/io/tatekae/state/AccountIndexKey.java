package io.tatekae.state;

/** Mutable key of the account map (an account's dense index), so lookups need no boxing. */
public final class AccountIndexKey {
    private int index;

    public int index() {
        return index;
    }

    public AccountIndexKey index(int index) {
        this.index = index;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountIndexKey other && other.index == index;
    }

    @Override
    public int hashCode() {
        return index;
    }
}
