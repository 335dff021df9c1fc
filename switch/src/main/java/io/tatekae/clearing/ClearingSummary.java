package io.tatekae.clearing;

import java.util.ArrayList;
import java.util.List;

/** What ingesting a clearing file did: counts and yen totals per outcome, and the rejected lines. */
public final class ClearingSummary {
    /** At most this many rejected lines are listed (all are counted). */
    public static final int MAX_LISTED_REJECTS = 1_000;

    public int lines;
    public int matched;
    /** Matched lines whose cleared amount differed from the hold. */
    public int matchedOtherAmount;
    public long capturedYen;
    public long releasedYen;
    public int forced;
    public long forcedYen;
    public int refunds;
    public long refundedYen;
    /** Lines applied by an earlier ingest (or earlier in this file): skipped. */
    public int alreadyApplied;
    public int rejected;
    public final List<String> rejectedLines = new ArrayList<>();
    /** Set when a journal commit failed: lines from this one on were not applied. */
    public String stoppedAt;

    public void reject(String message) {
        rejected++;
        if (rejectedLines.size() < MAX_LISTED_REJECTS) {
            rejectedLines.add(message);
        }
    }

    /** Adds the counts of a part (a chunk that committed). */
    public void add(ClearingSummary part) {
        matched += part.matched;
        matchedOtherAmount += part.matchedOtherAmount;
        capturedYen += part.capturedYen;
        releasedYen += part.releasedYen;
        forced += part.forced;
        forcedYen += part.forcedYen;
        refunds += part.refunds;
        refundedYen += part.refundedYen;
        alreadyApplied += part.alreadyApplied;
        part.rejectedLines.forEach(this::reject);
        rejected += part.rejected - part.rejectedLines.size();
    }

    public boolean complete() {
        return stoppedAt == null;
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("clearing: ").append(lines).append(" lines\n");
        b.append("matched: ").append(matched).append(" (").append(matchedOtherAmount)
                .append(" for another amount), captured ").append(capturedYen).append(" yen, released ")
                .append(releasedYen).append(" yen\n");
        b.append("forced: ").append(forced).append(", ").append(forcedYen).append(" yen\n");
        b.append("refunds: ").append(refunds).append(", ").append(refundedYen).append(" yen\n");
        b.append("already applied: ").append(alreadyApplied).append('\n');
        b.append("rejected lines: ").append(rejected).append('\n');
        rejectedLines.forEach(r -> b.append("  ").append(r).append('\n'));
        if (stoppedAt != null) {
            b.append("STOPPED: ").append(stoppedAt).append('\n');
        }
        return b.toString();
    }
}
