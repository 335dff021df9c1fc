package io.tatekae.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.tatekae.state.Luhn;
import io.tatekae.testsupport.ProvisioningFiles;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestSwitch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * The request path allocates nothing, measured where it runs: over real TCP, the bytes the switch's
 * deciding thread allocated while it read, decided, journaled (fsync included) and answered thousands
 * of approvals, declines and reversals, after a warm-up. (Ring mode is not held to this: its decision
 * thread hands each batch's writes to the I/O thread as Netty write tasks, which Netty's recycler
 * cannot give back across threads.)
 */
@Timeout(180)
class RequestPathAllocationTest {
    private static final int CARDS = 400;
    private static final int WARM_UP_ROUNDS = 8;
    private static final int MEASURED_ROUNDS = 8;
    private static final long MAX_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void theDecidingThreadAllocatesNothingPerRequest() throws Exception {
        // Production runs with Netty's leak detector off (Main); its sampled stack traces are test-only garbage.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            measure("run-to-completion");
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private void measure(String threading) throws Exception {
        String yaml = "pipeline:\n  threading: " + threading + "\npolicy:\n  velocityMaxApprovals: 32\n";
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).cardsFile(cards()).start();
             IsoTestClient c = sw.connectSignedOn()) {
            int[] stan = {0};
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                exchangeRound(c, round, stan);
            }
            String prefix = "run-to-completion".equals(threading) ? "tatekae-io" : "tatekae-decision";
            long thread = threadId(prefix);
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getThreadAllocatedBytes(thread);
            int requests = 0;
            for (int round = WARM_UP_ROUNDS; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                requests += exchangeRound(c, round, stan);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            System.out.println("the " + prefix + " thread allocated " + allocated + " bytes over " + requests + " requests");
            // One object per request would be 16 bytes or more each; what little the thread allocates
            // (timer tasks, a once-a-second tick) does not grow with the requests.
            String where = allocated < MAX_BYTES ? "" : explain(c, stan, prefix);
            assertTrue(allocated < MAX_BYTES, "the " + prefix + " thread allocated " + allocated + " bytes over "
                    + requests + " requests; sampled allocations:\n" + where);
        }
    }

    /** One approval, one decline and one reversal per card, pipelined; returns how many requests. */
    private static int exchangeRound(IsoTestClient c, int round, int[] stan) {
        List<ISOMsg> approvals = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            ISOMsg purchase = Messages.purchase(pan(i), "3012", "TARO YAMADA", 100, stan(++stan[0]));
            assertEquals("00", c.request(purchase).getString(39), "card " + i + " round " + round);
            approvals.add(purchase);
            ISOMsg blocked = Messages.set(Messages.purchase(pan(i), "3012", "TARO YAMADA", 100, stan(++stan[0])), 18, "7995");
            assertEquals("57", c.request(blocked).getString(39));
        }
        for (ISOMsg purchase : approvals) {
            assertEquals("00", c.request(Messages.reversal("0400", purchase, stan(++stan[0]), null)).getString(39));
        }
        return 3 * CARDS;
    }

    private static String stan(int n) {
        return String.format("%06d", n % 1_000_000);
    }

    private Path cards() throws IOException {
        return ProvisioningFiles.oneCardPerAccount(dir.resolve("allocation-cards.jsonl"), CARDS, "L",
                RequestPathAllocationTest::pan);
    }

    private static String pan(int i) {
        return Luhn.withCheckDigit(String.format("354099%09d", 500_000 + i));
    }

    /** Another round under JFR's allocation sampling: where the thread allocates (a failure's explanation). */
    private String explain(IsoTestClient c, int[] stan, String threadPrefix) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s").withStackTrace();
            recording.start();
            exchangeRound(c, WARM_UP_ROUNDS + MEASURED_ROUNDS, stan);
            recording.stop();
            Path jfr = dir.resolve("allocation.jfr");
            recording.dump(jfr);
            return topAllocations(jfr, threadPrefix);
        }
    }

    /** The sampled allocations of the thread, heaviest stack first. */
    private static String topAllocations(Path jfr, String threadPrefix) throws IOException {
        Map<String, Long> weights = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getThread() == null || e.getThread().getJavaName() == null
                    || !e.getThread().getJavaName().startsWith(threadPrefix) || e.getStackTrace() == null) {
                continue;
            }
            StringBuilder stack = new StringBuilder(e.getClass("objectClass").getName()).append('\n');
            e.getStackTrace().getFrames().stream().limit(12).forEach(f -> stack.append("    ")
                    .append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName())
                    .append(':').append(f.getLineNumber()).append('\n'));
            weights.merge(stack.toString(), e.getLong("weight"), Long::sum);
        }
        StringBuilder out = new StringBuilder();
        weights.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(w -> out.append(w.getValue()).append(" bytes (sampled) of ").append(w.getKey()));
        return out.toString();
    }

    private static long threadId(String prefix) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                return t.threadId();
            }
        }
        throw new AssertionError("no thread named " + prefix + "*");
    }
}
