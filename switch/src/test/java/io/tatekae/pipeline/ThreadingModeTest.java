package io.tatekae.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.MoneyLog;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which thread decides: in run-to-completion mode the network I/O thread itself records and commits
 * the money change of an approval (no hand-off); in ring mode the decision thread behind the ring.
 * Either way the approval's answer leaves only after its commit.
 */
class ThreadingModeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"run-to-completion, tatekae-io", "ring, tatekae-decision"})
    void theApprovalIsDecidedAndCommittedOnTheModesThread(String threading, String threadPrefix) throws Exception {
        Set<String> recordThreads = ConcurrentHashMap.newKeySet();
        Set<String> commitThreads = ConcurrentHashMap.newKeySet();
        long[] committedBeforeAnswer = {0};
        String yaml = "pipeline:\n  threading: " + threading + "\n";
        try (TestSwitch sw = TestSwitch.builder(dir).yaml(yaml).moneyLog(journal -> new MoneyLog() {
            private boolean pending;

            @Override
            public void record(HoldEvent event) {
                recordThreads.add(Thread.currentThread().getName());
                pending = true;
                journal.record(event);
            }

            @Override
            public boolean commit() {
                boolean ok = journal.commit();
                if (pending) {
                    commitThreads.add(Thread.currentThread().getName());
                    committedBeforeAnswer[0]++;
                    pending = false;
                }
                return ok;
            }
        }).start(); IsoTestClient c = sw.connectSignedOn()) {
            // Provisioning at start journaled opening balances on the starting thread: count from here.
            recordThreads.clear();
            commitThreads.clear();
            committedBeforeAnswer[0] = 0;
            ISOMsg r = c.request(TestCards.TARO.purchase(1_000, c.nextStan()));
            assertEquals("00", r.getString(39));
            assertEquals(1, committedBeforeAnswer[0], "the approval's hold was committed before its answer arrived");
            assertEquals(1, recordThreads.size(), recordThreads.toString());
            assertTrue(recordThreads.iterator().next().startsWith(threadPrefix), recordThreads.toString());
            assertEquals(recordThreads, commitThreads);
        }
    }
}
