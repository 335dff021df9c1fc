package io.tatekae.bench.load;

/**
 * After a phase: reverses every hold it left open, oldest first — a 0400 for each approval or advice
 * answered {@code 00}, a 0420 for each whose outcome is unknown (it timed out: as a network does for a
 * timed-out 0100) — so that the server's open holds (which it never forgets, up to
 * holds.maxOpenHolds) do not pile up over a session. A reversal that times out or is answered 91 goes back in the queue as of
 * unknown outcome, for the next pass (reversing a reversed hold again is answered 00 and changes nothing).
 */
final class SettleWorkload implements RequestSource {
    private static final int OK = FrameCodec.code("00");

    private final OpenHolds holds;
    private final RequestTemplates templates;
    // What settle request i reversed, for sending it again (capacity: the largest pass so far).
    private int[] stans = new int[0];
    private long[] de7s = new long[0];
    private int[] cards = new int[0];
    private short[] mtis = new short[0];

    SettleWorkload(OpenHolds holds, RequestTemplates templates) {
        this.holds = holds;
        this.templates = templates;
    }

    /** The requests of the next pass: every open hold now. Call before each pass. */
    long requests() {
        long n = holds.answeredCount() + holds.uncertainCount();
        if (n > stans.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, n);
            stans = new int[capacity];
            de7s = new long[capacity];
            cards = new int[capacity];
            mtis = new short[capacity];
        }
        return n;
    }

    @Override
    public int build(long i, long de7, int stan, byte[] out, Built b) {
        Recipe r;
        if (holds.pollUncertain()) {
            r = Recipe.REVERSAL_ADVICE;
            b.kind = Mix.Kind.REVERSAL_ADVICE;
            b.expectedMti = 430;
        } else if (holds.peekAnswered()) {
            holds.dropAnswered();
            r = Recipe.REVERSAL;
            b.kind = Mix.Kind.REVERSAL;
            b.expectedMti = 410;
        } else {
            throw new IllegalStateException("settle request " + i + " has no open hold left to reverse");
        }
        int k = (int) i;
        stans[k] = holds.stan;
        de7s[k] = holds.de7;
        cards[k] = holds.card;
        mtis[k] = (short) holds.mti;
        b.expectedCode = OK;
        b.card = holds.card;
        FrameCodec.Template t = templates.template(r, b.card);
        int length = templates.write(r, b.card, out);
        RequestTemplates.original(t, out, holds.mti, holds.stan, holds.de7);
        FrameCodec.writeDigits(out, t.de7Offset(), 10, de7);
        FrameCodec.writeDigits(out, t.de11Offset(), 6, stan);
        return length;
    }

    @Override
    public void unanswered(long i) {
        int k = (int) i;
        holds.uncertain(stans[k], de7s[k], cards[k], mtis[k]);
    }
}
