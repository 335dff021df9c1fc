package io.tatekae.bench.load;

/**
 * After a phase: reverses every hold it left open, oldest first — a 0400 for each approval or advice
 * answered {@code 00}, a 0420 for each that timed out (its outcome unknown, as a network does for a
 * timed-out 0100) — so that the server's open holds, and the transaction table behind them, do not
 * pile up over a session.
 */
final class SettleWorkload implements RequestSource {
    private static final int OK = FrameCodec.code("00");

    private final OpenHolds holds;
    private final RequestTemplates templates;

    SettleWorkload(OpenHolds holds, RequestTemplates templates) {
        this.holds = holds;
        this.templates = templates;
    }

    /** Requests the settle step sends: every open hold now. */
    long requests() {
        return holds.answeredCount() + holds.uncertainCount();
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
        b.expectedCode = OK;
        b.card = holds.card;
        FrameCodec.Template t = templates.template(r, b.card);
        int length = templates.write(r, b.card, out);
        RequestTemplates.original(t, out, holds.mti, holds.stan, holds.de7);
        FrameCodec.writeDigits(out, t.de7Offset(), 10, de7);
        FrameCodec.writeDigits(out, t.de11Offset(), 6, stan);
        return length;
    }
}
