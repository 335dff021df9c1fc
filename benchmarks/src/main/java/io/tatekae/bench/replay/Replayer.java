package io.tatekae.bench.replay;

import io.tatekae.iso.IsoDecoder;
import io.tatekae.recorder.RecordingReader;
import io.tatekae.spec.ProfileSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a recording (docs/replay.md) against a switch on one connection: signs on, sends the
 * recorded requests re-stamped ({@link Restamper}) at their recorded pace scaled by --speed, matches
 * responses by DE 11 and reports every response that differs from the recorded one. Exit status 0
 * when none differs, 1 when some do, 2 on a usage or I/O error.
 */
public final class Replayer {
    private static final int MAX_IN_FLIGHT = 512;

    private final ReplayOptions options;
    private final PrintStream out;
    private final ProfileSpec spec = ProfileSpec.load();
    private final IsoDecoder decoder = new IsoDecoder(spec);
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final List<String> differences = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger compared = new AtomicInteger();
    private final CompletableFuture<ReplayMessage> signOn = new CompletableFuture<>();
    private String signOnStan;

    private record Pending(int number, RecordedExchange recorded) {
    }

    Replayer(ReplayOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            ReplayResult result = new Replayer(ReplayOptions.parse(args), System.out).run();
            System.exit(result.differences().isEmpty() ? 0 : 1);
        } catch (NoSuchFileException e) {
            System.err.println("replay: no such recording: " + e.getFile());
            System.exit(2);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(2);
        }
    }

    /** Runs the replay, printing each difference and a summary line. */
    ReplayResult run() throws IOException, InterruptedException {
        ReplayScript script = ReplayScript.from(RecordingReader.read(options.recording()), decoder);
        Restamper restamper = new Restamper(System.currentTimeMillis() / 1000);
        int notRecorded = 0;
        try (ReplayConnection link = new ReplayConnection(options.host(), options.port(), this::received)) {
            signOn(link, restamper);
            long startNanos = System.nanoTime();
            long firstMicros = script.exchanges.isEmpty() ? 0 : script.exchanges.getFirst().epochMicros();
            for (int i = 0; i < script.exchanges.size(); i++) {
                RecordedExchange recorded = script.exchanges.get(i);
                waitForRecordedTime(startNanos, recorded.epochMicros() - firstMicros);
                if (!inFlight.tryAcquire(options.timeoutMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the switch answered none of " + MAX_IN_FLIGHT + " requests in flight within "
                            + options.timeoutMillis() + " ms");
                }
                if (recorded.recordedResponse() == null) {
                    notRecorded++;
                }
                ReplayMessage request = restamper.restamp(recorded);
                pending.put(request.get(11), new Pending(i + 1, recorded));
                link.send(request.encode(spec));
            }
            waitForAnswers();
        }
        pending.values().stream().sorted((a, b) -> Integer.compare(a.number(), b.number())).forEach(p ->
                differences.add(describe(p) + ": no response within " + options.timeoutMillis() + " ms"));
        List<String> found = new ArrayList<>(differences);
        found.forEach(out::println);
        ReplayResult result = new ReplayResult(script.exchanges.size(), compared.get(), notRecorded, script.undecodable,
                restamper.originalsNotFound, found);
        out.println(result.summary());
        return result;
    }

    private void signOn(ReplayConnection link, Restamper restamper) throws IOException, InterruptedException {
        signOnStan = restamper.nextStan();
        link.send(new ReplayMessage(800, Map.of(7, Restamper.de7Now(), 11, signOnStan, 70, "001")).encode(spec));
        try {
            ReplayMessage answer = signOn.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
            if (!"00".equals(answer.get(39))) {
                throw new IOException("sign-on answered DE 39 " + answer.get(39));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no sign-on response within " + options.timeoutMillis() + " ms");
        }
    }

    private void waitForRecordedTime(long startNanos, long offsetMicros) {
        if (options.speed() == 0) {
            return;
        }
        long due = startNanos + (long) (offsetMicros * 1_000 / options.speed());
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private void waitForAnswers() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** On the reader thread. */
    private void received(byte[] message) {
        ReplayMessage response = ReplayMessage.decode(decoder, message);
        if (response == null) {
            differences.add("a response that does not decode (" + message.length + " bytes)");
            return;
        }
        if (response.mti() == 810 && signOnStan != null && signOnStan.equals(response.get(11))) {
            signOn.complete(response);
            return;
        }
        Pending p = response.get(11) == null ? null : pending.remove(response.get(11));
        if (p == null) {
            differences.add("a response (MTI " + response.mti() + ", DE 11 " + response.get(11) + ") to no request sent");
            return;
        }
        inFlight.release();
        ReplayMessage recorded = p.recorded().recordedResponse();
        if (recorded == null) {
            return;
        }
        compared.incrementAndGet();
        List<String> found = ResponseComparison.differences(recorded, response);
        if (!found.isEmpty()) {
            differences.add(describe(p) + ": " + String.join("; ", found));
        }
    }

    private static String describe(Pending p) {
        ReplayMessage request = p.recorded().request();
        return String.format("request #%d (%04d, recorded DE 11 %s)", p.number(), request.mti(), request.get(11));
    }
}
