package io.tatekae.bench.restart;

import io.tatekae.app.StartRestore;
import io.tatekae.config.SwitchConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How long the switch's start takes with a long history, with and without a snapshot. Builds the state
 * (accounts and cards provisioned; {@code --records} journal records, {@code --open-holds} of the holds
 * still open at the end; see {@link HistoryWriter}), restarts once with no snapshot (the whole journal
 * replayed), then lets production's snapshot writer write its snapshots and apply retention
 * ({@link ProductionSnapshots}) and restarts again from the newest snapshot. Each restart runs in a JVM
 * of its own (as a real restart does: nothing warmed up), with this JVM's flags, and checks what it
 * rebuilt; {@code --in-process} runs them here instead. Usage:
 * {@code RestartTime [--open-holds 1000000] [--records 10000000] [--accounts 100000] [--cards 200000]
 * [--tail 100000] [--table 1500000] [--dir DIR] [--in-process]}; without {@code --dir} the data goes to a
 * temporary folder, deleted at the end.
 */
public final class RestartTime {
    private static final String RESTART_ONLY = "--restart-only";
    private static final String IN_PROCESS = "--in-process";

    /** What one run measured. */
    public record Result(RestartRun.Phases fullReplay, RestartRun.Phases fromSnapshot, ProductionSnapshots.Facts snapshots) {
    }

    private RestartTime() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.remove(RESTART_ONLY)) {
            String label = rest.removeLast();
            RestartOptions o = RestartOptions.parse(rest.toArray(String[]::new));
            System.out.println(RestartRun.restart(BenchConfig.of(o, "durable"), ExpectedState.load(o.dir())).describe(label));
            return;
        }
        boolean inProcess = rest.remove(IN_PROCESS);
        RestartOptions o = RestartOptions.parse(rest.toArray(String[]::new));
        boolean temporary = o.dir() == null;
        Path dir = temporary ? Files.createTempDirectory("tatekae-restart-bench-") : o.dir();
        try {
            run(o.inDir(dir), inProcess ? null : args, System.out);
        } finally {
            if (temporary) {
                delete(dir);
            }
        }
    }

    /**
     * Builds the state in {@code o.dir()} and restarts twice. With {@code childArgs} (the command line)
     * each restart runs in a new JVM and prints its own line; with null, here, and the result holds both.
     */
    public static Result run(RestartOptions o, String[] childArgs, PrintStream out) throws IOException, InterruptedException {
        out.printf("restart benchmark: %,d records, %,d open at the end, %,d accounts, %,d cards, holds.maxOpenHolds %,d,"
                        + " snapshot %,d records before the end; data in %s%n",
                o.records(), o.openHolds(), o.accounts(), o.cards(), o.tableEntries(), o.tailRecords(), o.dir());
        long started = System.nanoTime();
        SwitchConfig building = BenchConfig.of(o, "none");
        long now = HistoryWriter.end(building.policy().timezone());
        BenchCards cards = BenchCards.provision(building, o.cards(), o.accounts());
        ExpectedState expected = HistoryWriter.write(StartRestore.journal(building), o, cards, now);
        expected.save(o.dir());
        out.printf("history written in %.1f s: %,d records, %,d holds open (fsync none)%n",
                (System.nanoTime() - started) / 1e9, expected.records, expected.openCount);

        RestartRun.Phases full = restart(o, childArgs, expected, "restart without a snapshot (whole journal)", out);
        ProductionSnapshots.Facts facts = ProductionSnapshots.write(building, o.records() - o.tailRecords(), now);
        out.println(facts.describe());
        RestartRun.Phases fromSnapshot = restart(o, childArgs, expected, "restart from the newest snapshot", out);
        return new Result(full, fromSnapshot, facts);
    }

    private static RestartRun.Phases restart(RestartOptions o, String[] childArgs, ExpectedState expected, String label,
                                             PrintStream out) throws IOException, InterruptedException {
        if (childArgs == null) {
            RestartRun.Phases phases = RestartRun.restart(BenchConfig.of(o, "durable"), expected);
            out.println(phases.describe(label));
            return phases;
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RestartTime.class.getName()));
        command.addAll(Arrays.asList(childArgs));
        command.remove(IN_PROCESS);
        command.addAll(List.of("--dir", o.dir().toString(), RESTART_ONLY, label));
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("the restart in a new JVM failed (exit status " + status + "): " + label);
        }
        return null;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
