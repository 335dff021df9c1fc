package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Every run against one server (one run at a fixed rate, or the steps of a capacity search). */
final class TargetResults {
    final String label;
    final List<RunResult> runs = new ArrayList<>();
    /** Capacity mode: the highest rate that met the objective with no error, or 0. */
    double knee;
    String stopReason = "";

    TargetResults(String label) {
        this.label = label;
    }

    /** The run to compare: the fixed-rate run, or the capacity step at the knee (else the first). */
    RunResult representative() {
        return at(knee);
    }

    /** The run at {@code rate}, else the first. */
    RunResult at(double rate) {
        for (RunResult r : runs) {
            if (r.settings().rate() == rate) {
                return r;
            }
        }
        return runs.getFirst();
    }
}
