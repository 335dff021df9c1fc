package io.tatekae.bench.load;

import java.util.Arrays;

/**
 * Requests sent and not yet answered, indexed by STAN (the session's request count modulo 1,000,000): the sender
 * adds, receivers take (matching DE 7 + DE 11; DE 32 is the tester's own), the sender's sweep times
 * out the oldest in send order. Guarded by its monitor: a few hundred nanoseconds per request.
 */
final class PendingTable {
    static final int STANS = 1_000_000;

    private final long[] seq = new long[STANS];
    private final long[] due = new long[STANS];
    private final long[] de7 = new long[STANS];
    private final int[] expected = new int[STANS];
    private final short[] expectedMti = new short[STANS];
    private final byte[] kind = new byte[STANS];
    private final int[] card = new int[STANS];
    /** FREE, PENDING, or TIMED_OUT (its answer, should it come, is late rather than unknown). */
    private final byte[] state = new byte[STANS];
    private static final byte FREE = 0;
    private static final byte PENDING = 1;
    private static final byte TIMED_OUT = 2;

    enum Match { TAKEN, LATE, UNKNOWN }
    private static final Mix.Kind[] KINDS = Mix.Kind.values();
    /** The STAN of request 0 of the current run. */
    private long stanBase;
    private long oldest;
    private long added;
    private int pending;

    // The entry last taken or timed out (read by the caller right after, under no other thread's use).
    static final class Taken {
        long seq;
        long due;
        long de7;
        int stan;
        int expected;
        int expectedMti;
        Mix.Kind kind;
        int card;
    }

    /** Empties the table for a run whose request 0 has STAN {@code base}. */
    synchronized void reset(long base) {
        Arrays.fill(state, FREE);
        stanBase = base;
        oldest = 0;
        added = 0;
        pending = 0;
    }

    synchronized void add(long request, int stan, long dueNanos, long de7Value, int expectedCode, int mti,
                          Mix.Kind k, int cardIndex) {
        if (state[stan] == PENDING) {
            throw new IllegalStateException("STAN " + stan + " still pending after 1,000,000 requests");
        }
        seq[stan] = request;
        due[stan] = dueNanos;
        de7[stan] = de7Value;
        expected[stan] = expectedCode;
        expectedMti[stan] = (short) mti;
        kind[stan] = (byte) k.ordinal();
        card[stan] = cardIndex;
        state[stan] = PENDING;
        added = request + 1;
        pending++;
    }

    /** Takes the pending request with this DE 7 + DE 11 into {@code out}. */
    synchronized Match take(long de7Value, int stan, Taken out) {
        if (stan < 0 || stan >= STANS || state[stan] == FREE || de7[stan] != de7Value) {
            return Match.UNKNOWN;
        }
        if (state[stan] == TIMED_OUT) {
            state[stan] = FREE;
            return Match.LATE;
        }
        copy(stan, out);
        state[stan] = FREE;
        pending--;
        return Match.TAKEN;
    }

    /** Times out the oldest request if it is past {@code deadlineNanos}-old; false when none is. */
    synchronized boolean timeOutOldest(long now, long timeoutNanos, Taken out) {
        while (oldest < added) {
            int stan = (int) ((stanBase + oldest) % STANS);
            if (state[stan] != PENDING || seq[stan] != oldest) {
                oldest++;
                continue;
            }
            if (now - due[stan] < timeoutNanos) {
                return false;
            }
            copy(stan, out);
            state[stan] = TIMED_OUT;
            pending--;
            oldest++;
            return true;
        }
        return false;
    }

    synchronized int pending() {
        return pending;
    }

    private void copy(int stan, Taken out) {
        out.seq = seq[stan];
        out.due = due[stan];
        out.de7 = de7[stan];
        out.stan = stan;
        out.expected = expected[stan];
        out.expectedMti = expectedMti[stan];
        out.kind = KINDS[kind[stan]];
        out.card = card[stan];
    }
}
