package io.tatekae.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SwitchInsideTest {
    private static String page(long fast, long under1ms, long under2500us, long all, long commitsFast, long commits) {
        return String.join("\n",
                "# TYPE tatekae_auth_duration_seconds histogram",
                "tatekae_auth_duration_seconds_bucket{le=\"0.0001\"} " + fast,
                "tatekae_auth_duration_seconds_bucket{le=\"0.00025\"} " + fast,
                "tatekae_auth_duration_seconds_bucket{le=\"0.0005\"} " + fast,
                "tatekae_auth_duration_seconds_bucket{le=\"0.001\"} " + under1ms,
                "tatekae_auth_duration_seconds_bucket{le=\"0.0025\"} " + under2500us,
                "tatekae_auth_duration_seconds_bucket{le=\"+Inf\"} " + all,
                "tatekae_journal_commit_duration_seconds_bucket{le=\"0.00025\"} " + commitsFast,
                "tatekae_journal_commit_duration_seconds_bucket{le=\"+Inf\"} " + commits,
                "tatekae_open_holds 3", "");
    }

    @Test
    void describesOnlyWhatHappenedBetweenTheTwoScrapes() {
        String before = page(500, 900, 990, 1_000, 10, 20);
        String after = page(500 + 3_000, 900 + 3_960, 990 + 3_996, 1_000 + 4_000, 10 + 1_800, 20 + 2_000);
        assertEquals("inside the switch (its own metrics, frame decoded to answer flushed), 4,000 answers: 75.00 % within"
                        + " 0.25 ms, 75.00 % within 0.5 ms, 99.00 % within 1 ms, 99.90 % within 2.5 ms; journal commits:"
                        + " 90.00 % of 2,000 within 0.25 ms",
                SwitchInside.describe(before, after));
    }

    @Test
    void nothingForAServerWithoutTheHistogramOrAPhaseWithoutAnswers() {
        String page = page(1, 1, 1, 1, 0, 0);
        assertNull(SwitchInside.describe("", ""), "not the switch");
        assertNull(SwitchInside.describe("", page), "the first scrape failed");
        assertNull(SwitchInside.describe(page, page), "nothing answered");
        assertEquals(4.0, SwitchInside.bucket(page(4, 5, 6, 7, 0, 0), SwitchInside.AUTH, "0.0005"));
        assertEquals(Double.NaN, SwitchInside.bucket(page, SwitchInside.AUTH, "0.3"));
    }
}
