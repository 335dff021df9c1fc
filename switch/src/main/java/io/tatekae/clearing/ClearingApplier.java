package io.tatekae.clearing;

import io.tatekae.engine.MatchIndex;
import io.tatekae.engine.Postings;
import io.tatekae.state.CardState;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Applies clearing lines on the decision thread: a purchase captures the open hold its PAN +
 * approval code + RRN name (for the cleared amount), or is posted forced when none is open; a refund
 * credits the card's account. A line applied before (same identity) is skipped.
 */
public final class ClearingApplier {
    private final StateStore store;
    private final PanHasher hasher;
    private final Postings postings;
    private final PanKey panKey = new PanKey();
    private final CardState card = new CardState();

    public ClearingApplier(StateStore store, PanHasher hasher, Postings postings) {
        this.store = store;
        this.hasher = hasher;
        this.postings = postings;
    }

    /** Applies the lines (decision thread only) and adds what happened to the summary. */
    public void apply(List<ClearingLine> lines, ClearingSummary summary) {
        for (ClearingLine line : lines) {
            apply(line, summary);
        }
    }

    private void apply(ClearingLine line, ClearingSummary s) {
        if (postings.applied(line.postingId())) {
            s.alreadyApplied++;
            return;
        }
        hasher.hash(line.pan(), panKey);
        if (!store.readCard(panKey, card)) {
            s.reject("line " + line.lineNumber() + ": no card " + line.maskedPan());
            return;
        }
        if (line.type() == ClearingLine.Type.REFUND) {
            postings.refund(card.accountIndex(), line.amount(), line.postingId(), line.maskedPan());
            s.refunds++;
            s.refundedYen += line.amount();
            return;
        }
        long held = -1;
        if (line.authCode().length() == 6) {
            byte[] rrn = line.rrn().getBytes(StandardCharsets.US_ASCII);
            long key = MatchIndex.key(panKey.hi(), panKey.lo(), line.authCode().getBytes(StandardCharsets.US_ASCII), 0,
                    rrn, 0, rrn.length);
            held = postings.capture(key, panKey.hi(), panKey.lo(), line.amount(), line.postingId(), line.maskedPan());
        }
        if (held >= 0) {
            s.matched++;
            s.capturedYen += line.amount();
            s.releasedYen += Math.max(0, held - line.amount());
            if (held != line.amount()) {
                s.matchedOtherAmount++;
            }
        } else {
            postings.forcedPost(card.accountIndex(), line.amount(), line.postingId(), line.maskedPan());
            s.forced++;
            s.forcedYen += line.amount();
        }
    }
}
