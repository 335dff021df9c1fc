package io.tatekae.bench.replay;

import java.util.List;

/**
 * What a replay found.
 *
 * @param sent requests sent (the sign-on not counted)
 * @param compared responses compared with a recorded one
 * @param notRecorded requests whose response the recording does not have (not compared)
 * @param undecodable recorded inbound frames that do not decode (not sent)
 * @param differences one line per response that differs from the recorded one, or never came
 */
record ReplayResult(int sent, int compared, int notRecorded, int undecodable, int originalsNotFound,
                    List<String> differences) {

    String summary() {
        return "replayed " + sent + " requests: " + compared + " responses compared, " + differences.size()
                + " differences" + (notRecorded > 0 ? ", " + notRecorded + " without a recorded response" : "")
                + (undecodable > 0 ? ", " + undecodable + " undecodable frames skipped" : "")
                + (originalsNotFound > 0 ? ", " + originalsNotFound + " reversals whose original is not in the recording" : "");
    }
}
