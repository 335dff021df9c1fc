package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Everything one session measured against one server, in the order it ran. */
final class ServerResults {
    final String label;
    /** Every run, in order: warm-up, rates, search steps and the settle steps between them. */
    final List<RunResult> runs = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** The switch's own view of each warm-up, rate and search phase ({@link SwitchInside}), when it has metrics. */
    final List<String> inside = new ArrayList<>();
    /** The machine and the process around the session: load before it, how it was started and stopped. */
    final List<String> conditions = new ArrayList<>();
    /** Why the server could not be started or measured, or null. */
    String failure;
    /** The server's process when the tester started it, or -1. */
    long pid = -1;
    /** The capacity search's result, or null when there was none. */
    CapacitySearch.Capacity capacity;
    /** Approvals and advices sent, and the most any one card got. */
    long approvals;
    int maxApprovalsPerCard;
    /** Holds the tester opened and could not reverse (its queue was full, or the session stopped early). */
    long holdsLeftOpen;

    ServerResults(String label) {
        this.label = label;
    }

    List<RunResult> phase(String phase) {
        return runs.stream().filter(r -> r.settings().phase().equals(phase)).toList();
    }

    RunResult warmup() {
        List<RunResult> w = phase(Session.WARMUP);
        return w.isEmpty() ? null : w.getFirst();
    }

    List<RunResult> fixed() {
        return phase(Session.RATE);
    }

    /** The runs a comparison reads: fixed rates and search steps (no warm-up, no settle). */
    List<RunResult> measured() {
        return runs.stream().filter(r -> r.settings().phase().equals(Session.RATE)
                || r.settings().phase().equals(Session.SEARCH)).toList();
    }

    /** The fixed-rate run at {@code rate}, or null. */
    RunResult at(double rate) {
        for (RunResult r : fixed()) {
            if (r.rate() == rate) {
                return r;
            }
        }
        return null;
    }

    /** Wrong, unmatched and unparseable answers in any run, warm-up and settle steps included. */
    long incorrect() {
        return runs.stream().mapToLong(r -> r.stats().incorrect()).sum();
    }

    /** Errors of any kind in the runs that are not measured (warm-up, settle): they still count. */
    long unmeasuredErrors() {
        return runs.stream().filter(r -> !measured().contains(r)).mapToLong(r -> r.stats().errors()).sum();
    }
}
