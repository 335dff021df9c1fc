package io.tatekae.bench.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What must match between a recorded response and a replayed one: DE 39 and DE 48 tags 90, 87 and 88. */
final class ResponseComparison {
    private static final int[] TAGS = {90, 87, 88};

    private ResponseComparison() {
    }

    /** The differences, empty when the responses agree. */
    static List<String> differences(ReplayMessage recorded, ReplayMessage replayed) {
        List<String> found = new ArrayList<>();
        if (recorded.mti() != replayed.mti()) {
            found.add("MTI recorded " + recorded.mti() + ", replayed " + replayed.mti());
        }
        if (!Objects.equals(recorded.get(39), replayed.get(39))) {
            found.add("DE 39 recorded " + recorded.get(39) + ", replayed " + replayed.get(39));
        }
        for (int tag : TAGS) {
            String was = recorded.tag(tag);
            String now = replayed.tag(tag);
            if (!Objects.equals(was, now)) {
                found.add("DE 48 tag " + tag + " recorded " + was + ", replayed " + now);
            }
        }
        return found;
    }
}
