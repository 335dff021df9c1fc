package io.tatekae.bench.load;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The switch's own view of one phase, from the cumulative histograms on its metrics page read just
 * before and just after the phase: the share of requests it answered within a few bounds of reading
 * them ({@code tatekae_auth_duration_seconds}: frame decoded to answer flushed) and the share of
 * journal commits within 0.25 ms. Set beside the tester's figures, the difference is what lies outside
 * the switch's read-to-flush window: the socket, the wake-ups, loopback, the tester itself.
 */
final class SwitchInside {
    static final String AUTH = "tatekae_auth_duration_seconds";
    static final String COMMIT = "tatekae_journal_commit_duration_seconds";
    /** Bucket bounds of the switch's latency histogram that the line reports, in seconds as the page writes them. */
    private static final String[] ANSWER_BOUNDS = {"0.00025", "0.0005", "0.001", "0.0025"};
    private static final String COMMIT_BOUND = "0.00025";

    private SwitchInside() {
    }

    /**
     * One line for the phase between two scrapes of the page, or null when either scrape has no
     * histogram (not the switch, HTTP off) or the phase answered nothing.
     */
    static String describe(String before, String after) {
        double answered = delta(before, after, AUTH, "+Inf");
        if (Double.isNaN(answered) || answered <= 0) {
            return null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "inside the switch (its own metrics, frame decoded to answer flushed), %,.0f answers:", answered));
        for (int i = 0; i < ANSWER_BOUNDS.length; i++) {
            double within = delta(before, after, AUTH, ANSWER_BOUNDS[i]);
            line.append(String.format(Locale.ROOT, "%s %.2f %% within %s ms", i == 0 ? "" : ",", 100 * within / answered,
                    millis(ANSWER_BOUNDS[i])));
        }
        double commits = delta(before, after, COMMIT, "+Inf");
        if (commits > 0) {
            line.append(String.format(Locale.ROOT, "; journal commits: %.2f %% of %,.0f within %s ms",
                    100 * delta(before, after, COMMIT, COMMIT_BOUND) / commits, commits, millis(COMMIT_BOUND)));
        }
        return line.toString();
    }

    private static double delta(String before, String after, String histogram, String le) {
        return bucket(after, histogram, le) - bucket(before, histogram, le);
    }

    /** The cumulative count of {@code histogram}'s bucket {@code le}, or NaN when the page has none. */
    static double bucket(String page, String histogram, String le) {
        return SwitchMetricsReader.value(page, histogram + "_bucket{le=\"" + le + "\"}");
    }

    private static String millis(String seconds) {
        return new BigDecimal(seconds).movePointRight(3).stripTrailingZeros().toPlainString();
    }
}
