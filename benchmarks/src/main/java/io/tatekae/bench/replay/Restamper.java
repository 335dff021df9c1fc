package io.tatekae.bench.replay;

import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes a recorded request new again: a unique DE 11, DE 7 now, a unique DE 37 (the same new RRN for
 * every request that carried the same recorded RRN, so a reversal or advice still names its
 * original's), DE 90 of a reversal pointing at the re-stamped original, and a CAV2 (DE 48 tag 92,
 * zeroed by the recorder) computed again under the published test keys — or a wrong one when the
 * recorded response said the CAV2 did not match (DE 48 tag 87 N).
 */
final class Restamper {
    static final String TEST_CVK_A = "0123456789ABCDEF";
    static final String TEST_CVK_B = "FEDCBA9876543210";
    private static final DateTimeFormatter DE7 = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final int STAN_LIMIT = 1_000_000;

    private final Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex(TEST_CVK_A, TEST_CVK_B));
    private final Map<String, String> rrns = new HashMap<>();
    /**
     * Recorded "MTI/DE 11/DE 7" of each request sent, to its new "DE 11 + DE 7" (not per connection:
     * a network may send a reversal on another link than its original).
     */
    private final Map<String, String> originals = new HashMap<>();
    private final String rrnPrefix;
    private int stan;
    private int rrnCount;
    int originalsNotFound;

    Restamper(long runSeed) {
        rrnPrefix = String.format("%06d", Math.floorMod(runSeed, 1_000_000));
    }

    /** The next DE 11 (000001, 000002, ...; 000000 is skipped when it wraps). */
    String nextStan() {
        stan = stan % (STAN_LIMIT - 1) + 1;
        return String.format("%06d", stan);
    }

    static String de7Now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DE7);
    }

    /** A new request from a recorded one (the recorded message is not changed). */
    ReplayMessage restamp(RecordedExchange recorded) {
        ReplayMessage old = recorded.request();
        ReplayMessage m = new ReplayMessage(old.mti(), fieldsOf(old));
        String newStan = nextStan();
        String newDe7 = de7Now();
        m.set(11, newStan);
        m.set(7, newDe7);
        if (old.has(37)) {
            m.set(37, rrns.computeIfAbsent(old.get(37), r -> String.format("%s%06d", rrnPrefix, ++rrnCount % STAN_LIMIT)));
        }
        if (old.has(90)) {
            pointAtOriginal(m);
        }
        if (old.tag(92) != null && old.has(2) && old.has(14)) {
            byte[] pan = old.get(2).getBytes(StandardCharsets.US_ASCII);
            int value = cav2.compute(pan, 0, pan.length, Integer.parseInt(old.get(14)), Cav2Calculator.CAV2_SERVICE_CODE);
            if (recorded.recordedResponse() != null && "N".equals(recorded.recordedResponse().tag(87))) {
                value = (value + 1) % 1_000; // the switch found it wrong then: send a wrong one again
            }
            m.replaceTag(92, String.format("%03d", value));
        }
        originals.put(key(old.mti(), old.get(11), old.get(7)), newStan + newDe7);
        return m;
    }

    /** DE 90: original MTI (4), DE 11 (6), DE 7 (10), then acquirer and forwarder IDs. */
    private void pointAtOriginal(ReplayMessage m) {
        String de90 = m.get(90);
        if (de90.length() < 20) {
            originalsNotFound++;
            return;
        }
        String now = originals.get(key(Integer.parseInt(de90.substring(0, 4)), de90.substring(4, 10),
                de90.substring(10, 20)));
        if (now == null) {
            originalsNotFound++;
            return;
        }
        m.set(90, de90.substring(0, 4) + now + de90.substring(20));
    }

    private static String key(int mti, String stan, String de7) {
        return mti + "/" + stan + "/" + de7;
    }

    private static Map<Integer, String> fieldsOf(ReplayMessage m) {
        Map<Integer, String> fields = new HashMap<>();
        for (int de = 2; de <= 128; de++) {
            if (m.has(de)) {
                fields.put(de, m.get(de));
            }
        }
        return fields;
    }
}
