package io.tatekae.engine;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight connections, each from its own thread, pipeline purchases against one account whose credit
 * (50,000) is far below the demand: approvals never add up to more than the credit, and the credit
 * the switch reports afterwards is exactly the credit less the approvals.
 */
class ConcurrencyScenarioTest {
    private static final TestCards CARD = TestCards.CONCURRENCY;
    private static final long CREDIT = 50_000;
    private static final int CONNECTIONS = 8;
    private static final int PER_CONNECTION = 60;
    // Amounts of at least 1,600 yen: 32 approvals (the most velocity can allow) would exceed the credit,
    // so credit, not velocity, is what runs out.
    private static final int MIN_AMOUNT = 1_600;
    private static final int MAX_AMOUNT = 3_000;

    @TempDir
    Path dir;

    /** What one connection got: approved amounts, and the amounts declined 51. */
    private record Tally(List<Long> approved, List<Long> declinedForCredit) {
    }

    @Test
    void concurrentPurchasesNeverExceedTheAccountsCredit() throws Exception {
        try (TestSwitch sw = TestSwitch.builder(dir).yaml("policy:\n  velocityMaxApprovals: 32\n").start()) {
            List<Tally> tallies = runConnections(sw);
            long approvedSum = 0;
            int approvals = 0;
            long smallestCreditDecline = Long.MAX_VALUE;
            for (Tally t : tallies) {
                approvedSum += t.approved().stream().mapToLong(Long::longValue).sum();
                approvals += t.approved().size();
                for (long a : t.declinedForCredit()) {
                    smallestCreditDecline = Math.min(smallestCreditDecline, a);
                }
            }
            assertTrue(approvedSum <= CREDIT, "approved " + approvedSum + " of credit " + CREDIT);
            assertTrue(approvals > 0 && smallestCreditDecline != Long.MAX_VALUE,
                    "demand exceeds the credit: expected both approvals (" + approvals + ") and 51 declines");
            try (Scenario s = new Scenario(sw)) {
                long available = s.available(CARD);
                assertEquals(CREDIT - approvedSum, available);
                // The credit only fell during the run, so every 51 was for more than what is left now.
                assertTrue(smallestCreditDecline > available,
                        "declined " + smallestCreditDecline + " for credit although " + available + " is left");
            }
        }
    }

    private static List<Tally> runConnections(TestSwitch sw) throws Exception {
        // Messages are built up front, on this thread: the test CAV2 calculator is not thread-safe.
        List<List<ISOMsg>> batches = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            batches.add(purchases(c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Tally>> futures = new ArrayList<>();
            for (List<ISOMsg> batch : batches) {
                futures.add(pool.submit((Callable<Tally>) () -> pipeline(sw, batch)));
            }
            List<Tally> tallies = new ArrayList<>();
            for (Future<Tally> f : futures) {
                tallies.add(f.get(60, TimeUnit.SECONDS));
            }
            return tallies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ISOMsg> purchases(int connection) {
        SplittableRandom random = new SplittableRandom(1_000 + connection);
        List<ISOMsg> batch = new ArrayList<>();
        for (int i = 0; i < PER_CONNECTION; i++) {
            String stan = String.format("%06d", 500_000 + connection * 1_000 + i);
            batch.add(CARD.purchase(random.nextLong(MIN_AMOUNT, MAX_AMOUNT + 1), stan));
        }
        return batch;
    }

    /** Sends all of one connection's purchases, then reads all answers (matched by STAN). */
    private static Tally pipeline(TestSwitch sw, List<ISOMsg> batch) {
        Map<String, Long> amountByStan = new HashMap<>();
        try (IsoTestClient client = sw.connectSignedOn()) {
            for (ISOMsg m : batch) {
                amountByStan.put(m.getString(11), Long.parseLong(m.getString(4)));
                client.send(m);
            }
            List<Long> approved = new ArrayList<>();
            List<Long> declined = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ISOMsg r = client.receive();
                Long amount = amountByStan.remove(r.getString(11));
                assertNotNull(amount, "answer to a STAN this connection did not send: " + r.getString(11));
                assertEquals(amount, Long.parseLong(r.getString(4)));
                switch (r.getString(39)) {
                    case "00" -> approved.add(amount);
                    case "51" -> declined.add(amount);
                    default -> throw new AssertionError("unexpected DE 39 " + r.getString(39) + " DE 48 " + r.getString(48));
                }
            }
            return new Tally(approved, declined);
        }
    }
}
