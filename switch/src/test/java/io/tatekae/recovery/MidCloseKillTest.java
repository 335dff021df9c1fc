package io.tatekae.recovery;

import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalRecordType;
import io.tatekae.testsupport.FakeTime;
import io.tatekae.testsupport.HttpGet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once month close across a SIGKILL (billing.md §2): the switch, down from November 20th to
 * December 2nd, closes November for every account when it starts, before it answers; it is killed with
 * SIGKILL in the middle of that close; the next start finishes it without a second statement or a
 * second fee for anyone. Real processes on a clock moved by libfaketime, the real journal read back.
 */
class MidCloseKillTest {
    private static final int ACCOUNTS = 6_000;
    private static final long OWED = 1_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aSwitchKilledInTheMiddleOfClosingAMonthFinishesItOnceAtTheNextStart() throws Exception {
        FakeTime clock = FakeTime.at(dir, "2026-11-20T12:00:00");
        Path data = dir.resolve("data");
        int port = SwitchProcess.freePort();
        int httpPort = SwitchProcess.freePort();
        Path config = writeConfig(data, port, httpPort);
        Path log = dir.resolve("switch.log");
        Path cards = writeCards();

        SwitchProcess sw = SwitchProcess.start(config, cards, port, log, clock.environment());
        sw.stop();                                       // every account owes 1,000 from November 20th

        clock.moveTo("2026-12-02T09:00:00");
        SwitchProcess closing = SwitchProcess.launch(config, null, port, log, clock.environment());
        awaitLogLine(closing, "closing the months before 2026-12:");
        closing.kill();
        int closedBeforeKill = statements(data.resolve("journal"));
        System.out.println("MidCloseKillTest: " + closedBeforeKill + " of " + ACCOUNTS + " statements journaled before the kill");
        assertTrue(closedBeforeKill > 0 && closedBeforeKill < ACCOUNTS,
                "the kill must land in the middle of the close: " + closedBeforeKill + " of " + ACCOUNTS);

        SwitchProcess again = SwitchProcess.start(config, null, port, log, clock.environment());
        SwitchProcess.awaitHttp(httpPort);
        try {
            assertEquals(ACCOUNTS, statements(data.resolve("journal")), "one statement per account, no more");
            for (int i : new int[] {0, 1, ACCOUNTS / 2, ACCOUNTS - 1}) {
                String view = HttpGet.body("http://127.0.0.1:" + httpPort + "/admin/accounts/" + accountId(i));
                assertTrue(view.contains("\"owed\":" + (OWED + 209)), "one fee: " + view);
                assertTrue(view.contains("\"month\":\"2026-11\",\"amountDue\":" + (OWED + 209)), view);
            }
        } finally {
            again.stop();
        }
        assertEquals(ACCOUNTS, statements(data.resolve("journal")), "nothing closed twice while it ran and stopped");
    }

    /** STATEMENT_CLOSED records for 2026-11, each for a different account. */
    private static int statements(Path journal) {
        Map<Integer, Integer> perAccount = new HashMap<>();
        try (JournalReader reader = JournalReader.open(journal, 1)) {
            while (reader.poll(r -> {
                if (r.type() == JournalRecordType.STATEMENT_CLOSED && r.n1() == 202611) {
                    perAccount.merge(r.accountIndex(), 1, Integer::sum);
                }
            }, 4096, JournalReader.UNBOUNDED) > 0) {
                // keep reading
            }
        }
        perAccount.forEach((account, n) -> assertEquals(1, n, "statements of account index " + account));
        return perAccount.size();
    }

    private static void awaitLogLine(SwitchProcess process, String text) {
        long deadline = System.nanoTime() + 300_000_000_000L; // a JVM under libfaketime starts slowly on a busy machine
        while (System.nanoTime() < deadline) {
            if (process.log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the switch exited before '" + text + "'\n" + process.logTail());
            }
            SwitchProcess.sleep(5);
        }
        throw new AssertionError("no '" + text + "' in the log\n" + process.logTail());
    }

    private static String accountId(int i) {
        return String.format("M%07d", i);
    }

    private Path writeCards() throws IOException {
        StringBuilder b = new StringBuilder(ACCOUNTS * 160);
        for (int i = 0; i < ACCOUNTS; i++) {
            b.append("{\"type\":\"account\",\"id\":\"").append(accountId(i)).append("\",\"creditLimit\":50000,")
                    .append("\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true,\"outstanding\":").append(OWED)
                    .append("}\n");
        }
        Path file = dir.resolve("accounts.jsonl");
        Files.writeString(file, b);
        return file;
    }

    private Path writeConfig(Path data, int port, int httpPort) throws IOException {
        return SwitchYaml.write(dir, port, httpPort, data,
                "state:",
                "  maxCards: 1000",
                "  maxAccounts: " + (ACCOUNTS + 100),
                "holds:",
                "  maxOpenHolds: 65536",
                "journal:",
                "  fsync: durable",
                "ledger:",  // no poster: this test reads the journal, and a stop need not drain 24,000 records
                "  url: 'jdbc:sqlite:" + data.toAbsolutePath() + "/ledger/ledger.db'",
                "  poster: external",
                "");
    }
}
