package io.tatekae.engine;

/**
 * The hold changes of the current batch that a client would see in its response, so that they can
 * be taken back when the journal fails to make the batch durable: then those requests are answered
 * 91 and memory goes back to what the journal says. Preallocated; one batch deep.
 */
final class BatchUndo {
    static final byte PLACED = 1;
    static final byte REVERSED = 2;

    private final byte[] kind;
    private final long[] keyA;
    private final long[] keyB;
    private final long[] ownA;
    private final long[] ownB;
    private final int[] account;
    private final long[] amount;
    private final long[] previousHold;
    private final long[] panHi;
    private final long[] panLo;
    private final int[] velocityCount;
    private final long[] velocityDisplaced;
    private int count;

    BatchUndo(int capacity) {
        kind = new byte[capacity];
        keyA = new long[capacity];
        keyB = new long[capacity];
        ownA = new long[capacity];
        ownB = new long[capacity];
        account = new int[capacity];
        amount = new long[capacity];
        previousHold = new long[capacity];
        panHi = new long[capacity];
        panLo = new long[capacity];
        velocityCount = new int[capacity];
        velocityDisplaced = new long[capacity];
    }

    boolean full() {
        return count == kind.length;
    }

    /**
     * A hold placed for the request keyed (a, b) on the card (panHi, panLo), whose velocity ring had
     * {@code ringCount} entries and lost {@code ringDisplaced} to this purchase.
     */
    void placed(long a, long b, int accountIndex, long held, long cardHi, long cardLo, int ringCount, long ringDisplaced) {
        int i = count;
        add(PLACED, a, b, a, b, accountIndex, held, 0);
        panHi[i] = cardHi;
        panLo[i] = cardLo;
        velocityCount[i] = ringCount;
        velocityDisplaced[i] = ringDisplaced;
    }

    /** The hold of the original keyed (a, b) went from {@code before} down by {@code released}, for the reversal keyed (ownA, ownB). */
    void reversed(long a, long b, long reversalA, long reversalB, int accountIndex, long released, long before) {
        add(REVERSED, a, b, reversalA, reversalB, accountIndex, released, before);
    }

    private void add(byte k, long a, long b, long oa, long ob, int acct, long amt, long before) {
        int i = count++;
        kind[i] = k;
        keyA[i] = a;
        keyB[i] = b;
        ownA[i] = oa;
        ownB[i] = ob;
        account[i] = acct;
        amount[i] = amt;
        previousHold[i] = before;
    }

    int size() {
        return count;
    }

    byte kind(int i) { return kind[i]; }
    long keyA(int i) { return keyA[i]; }
    long keyB(int i) { return keyB[i]; }
    long ownA(int i) { return ownA[i]; }
    long ownB(int i) { return ownB[i]; }
    int account(int i) { return account[i]; }
    long amount(int i) { return amount[i]; }
    long previousHold(int i) { return previousHold[i]; }
    long panHi(int i) { return panHi[i]; }
    long panLo(int i) { return panLo[i]; }
    int velocityCount(int i) { return velocityCount[i]; }
    long velocityDisplaced(int i) { return velocityDisplaced[i]; }

    void clear() {
        count = 0;
    }
}
