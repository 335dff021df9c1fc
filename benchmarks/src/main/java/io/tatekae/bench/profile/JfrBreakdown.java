package io.tatekae.bench.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one thread's time goes in a JFR recording: the share of its execution samples with each method
 * anywhere on the stack (inclusive), at the top (self), and the top frame's line. Inlined frames count
 * as their own methods (JFR records them), so an engine method's inclusive share is its cost even where
 * the JIT folded it into the benchmark loop. Record with {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:+DebugNonSafepoints} and a short sampling period, e.g. {@code
 * -XX:StartFlightRecording=filename=F,settings=profile,jdk.ExecutionSample#period=1ms}.
 * <p>
 * A cache miss shows where the core stalled (the load at the head of its reorder buffer), so a touch that
 * starts a miss early is charged the wait of the reads that follow it.
 * <p>
 * Usage: {@code JfrBreakdown RECORDING.jfr [THREAD_NAME_PART (jmh-worker)] [ROWS (40)]}.
 */
public final class JfrBreakdown {
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> selfLine = new HashMap<>();
    private int samples;

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: JfrBreakdown RECORDING.jfr [THREAD_NAME_PART] [ROWS]");
            System.exit(2);
        }
        String thread = args.length > 1 ? args[1] : "jmh-worker";
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        JfrBreakdown b = new JfrBreakdown();
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                b.add(recording.readEvent(), thread);
            }
        }
        System.out.println(b.samples + " execution samples of threads named *" + thread + "*");
        print("inclusive", b.inclusive, b.samples, rows);
        print("self", b.self, b.samples, rows);
        print("self, by line", b.selfLine, b.samples, rows);
    }

    private void add(RecordedEvent e, String thread) {
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
            return;
        }
        RecordedThread t = e.getThread("sampledThread");
        RecordedStackTrace stack = e.getStackTrace();
        if (t == null || t.getJavaName() == null || !t.getJavaName().contains(thread) || stack == null) {
            return;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        Set<String> counted = new HashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            String method = name(frames.get(i).getMethod());
            if (counted.add(method)) {
                inclusive.merge(method, 1, Integer::sum);
            }
            if (i == 0) {
                self.merge(method, 1, Integer::sum);
                selfLine.merge(method + ":" + frames.get(i).getLineNumber(), 1, Integer::sum);
            }
        }
    }

    private static String name(RecordedMethod m) {
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int rows) {
        System.out.println("== " + title);
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(rows)
                .forEach(x -> System.out.printf("%6.2f %%  %s%n", 100.0 * x.getValue() / Math.max(1, total), x.getKey()));
    }
}
