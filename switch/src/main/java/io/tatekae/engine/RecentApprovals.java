package io.tatekae.engine;

/** Where recovery puts the approvals that count towards a card's velocity (check 14). */
@FunctionalInterface
public interface RecentApprovals {
    /** The card with this PAN key had a purchase approved at {@code timeMillis} (journal order). */
    void record(long panHi, long panLo, long timeMillis);
}
