package io.tatekae.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatekae.testsupport.Messages;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jpos.iso.ISOMsg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random sequences of purchases (authorized and cleared, or cleared without a hold), refunds, payments,
 * redemptions and the clock moving across months, each on a fresh account of one real switch. After
 * every step: what the statements billed, less payments and redeemed points, plus what is not billed
 * yet, is what the account owes, and the switch's view, its ledger-bound totals and the next
 * authorization all agree on it; every statement has the lines the rules give (a plain second
 * implementation of them, {@link ReferenceBook}); and no closed statement ever changes.
 */
class BillingPropertyTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final AtomicInteger STANS = new AtomicInteger(100_000);
    private static Path dir;
    private static MutableClock clock;
    private static BillingSwitch s;

    sealed interface Step permits Purchase, Cleared, Refund, Payment, PayInFull, Redeem, Later {
    }

    record Purchase(long yen) implements Step {
    }

    record Cleared(long yen) implements Step {
    }

    record Refund(long yen) implements Step {
    }

    record Payment(long yen) implements Step {
    }

    /** Pays what the account owes, as a customer settling the bill does (nothing when it owes nothing). */
    record PayInFull() implements Step {
    }

    record Redeem(long points) implements Step {
    }

    record Later(long minutes) implements Step {
    }

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("tatekae-billing-property");
        clock = new MutableClock("2026-06-01T09:00:00");
        s = BillingSwitch.start(dir, clock, "", "policy:\n  velocityMaxApprovals: 32\n");
    }

    @AfterContainer
    static void stop() throws IOException {
        s.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 12)
    void statementsPaymentsAndWhatIsOwedAlwaysAddUp(@ForAll("steps") List<Step> steps) {
        run(steps);
    }

    /** On demand ({@code scripts/test --long}). */
    @Property(tries = 300)
    @Tag("long")
    void statementsPaymentsAndWhatIsOwedAlwaysAddUpOverManyRuns(@ForAll("steps") List<Step> steps) {
        run(steps);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(100, 8_000).map(Purchase::new)),
                Tuple.of(3, Arbitraries.longs().between(1, 8_000).map(Cleared::new)),
                Tuple.of(2, Arbitraries.longs().between(1, 6_000).map(Refund::new)),
                Tuple.of(2, Arbitraries.longs().between(1, 12_000).map(Payment::new)),
                Tuple.of(2, Arbitraries.just(new PayInFull())),
                Tuple.of(2, Arbitraries.longs().between(1, 120).map(Redeem::new)),
                Tuple.of(4, Arbitraries.longs().between(1, 50 * 24 * 60).map(Later::new)));
        return step.list().ofMinSize(5).ofMaxSize(30);
    }

    private static void run(List<Step> steps) {
        int n = ACCOUNTS.incrementAndGet();
        String account = String.format("P%07d", n);
        String pan = BillingSwitch.pan(500_000 + n);
        BillingSwitch.Reply provisioned = s.post("/admin/provision", "{\"type\":\"account\",\"id\":\"" + account
                + "\",\"creditLimit\":50000,\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true}\n"
                + "{\"type\":\"card\",\"pan\":\"" + pan + "\",\"expiry\":\"4912\",\"name\":\"KEN KATO\",\"account\":\""
                + account + "\",\"limit\":50000,\"status\":\"ACTIVE\"}\n");
        assertEquals(200, provisioned.status(), provisioned.body());
        ReferenceBook model = new ReferenceBook(clock.millis());
        Map<Integer, JsonNode> closed = new HashMap<>();
        int payments = 0;
        for (Step step : steps) {
            long now = clock.millis();
            switch (step) {
                case Purchase p -> authorizeAndClear(account, pan, p.yen(), model);
                case Cleared c -> {
                    s.forcedPost(pan, c.yen());
                    model.purchase(now, c.yen());
                }
                case Refund r -> {
                    s.refund(pan, r.yen());
                    model.refund(now, r.yen());
                }
                case Payment p -> {
                    s.pay(account + "-" + ++payments, account, p.yen(), Instant.ofEpochMilli(now)
                            .atZone(MutableClock.JAPAN).toLocalDateTime().withNano(0).toString());
                    model.payment(now, p.yen());
                }
                case PayInFull f -> {
                    long owed = s.account(account).get("owed").asLong();
                    if (owed > 0) {
                        s.pay(account + "-" + ++payments, account, owed, Instant.ofEpochMilli(now)
                                .atZone(MutableClock.JAPAN).toLocalDateTime().withNano(0).toString());
                        model.payment(now, owed);
                    }
                }
                case Redeem r -> redeem(account, r.points(), model);
                case Later l -> clock.advanceMillis(l.minutes() * 60_000);
            }
            check(account, pan, model, closed);
        }
    }

    private static void authorizeAndClear(String account, String pan, long yen, ReferenceBook model) {
        ISOMsg m = Messages.purchase(pan, "4912", "KEN KATO", yen, stan());
        ISOMsg r = s.connection().request(m);
        if (!"00".equals(r.getString(39))) {
            return; // delinquent, or over the limit: nothing held, nothing to clear
        }
        String line = "{\"type\":\"PURCHASE\",\"pan\":\"" + pan + "\",\"authCode\":\"" + r.getString(38) + "\",\"rrn\":\""
                + r.getString(37) + "\",\"acquirer\":\"123456\",\"amount\":" + yen + ",\"currency\":\"392\"}\n";
        assertEquals(200, s.post("/admin/clearing", line).status());
        model.purchase(clock.millis(), yen);
    }

    /** A STAN no other request of this JVM's switch used (all test messages share DE 7 and DE 32). */
    private static String stan() {
        return String.format("%06d", STANS.incrementAndGet());
    }

    private static void redeem(String account, long points, ReferenceBook model) {
        long balance = s.account(account).get("points").asLong();
        long expected = model.redeem(clock.millis(), points, balance);
        BillingSwitch.Reply r = s.post("/admin/points/redeem", "{\"account\":\"" + account + "\",\"points\":" + points + "}");
        if (expected == 0) {
            assertEquals(409, r.status(), r.body());
        } else {
            assertEquals(200, r.status(), r.body());
            assertEquals(expected, r.json().get("redeemed").asLong(), r.body());
        }
    }

    private static void check(String account, String pan, ReferenceBook model, Map<Integer, JsonNode> closed) {
        model.catchUp(clock.millis());
        JsonNode view = s.account(account);
        long owed = view.get("owed").asLong();
        assertEquals(model.owed(), owed, () -> "owed: " + view);
        assertEquals(model.posted + model.fees - model.redeemed - model.paid, owed,
                "purchases less refunds, plus fees, less points and payments, is what the account owes");
        JsonNode statements = view.get("statements");
        assertEquals(model.statements.size(), statements.size(), () -> "statements: " + view);
        for (int i = 0; i < statements.size(); i++) {
            JsonNode st = statements.get(i);
            ReferenceBook.Lines want = model.statements.get(i);
            assertEquals(BillingCalendar.monthText(want.month()), st.get("month").asText());
            assertEquals(want.carriedOver(), st.get("carriedOver").asLong(), () -> "carried over: " + st);
            assertEquals(want.purchases(), st.get("purchases").asLong(), () -> "purchases: " + st);
            assertEquals(want.refunds(), st.get("refunds").asLong(), () -> "refunds: " + st);
            assertEquals(want.billingFee(), st.get("billingFee").asLong(), () -> "billing fee: " + st);
            assertEquals(want.pointsUsed(), st.get("pointsUsed").asLong(), () -> "points used: " + st);
            assertEquals(want.amountDue(), st.get("amountDue").asLong(), () -> "amount due: " + st);
            assertEquals(Math.max(0, want.total()), st.get("amountDue").asLong());
            JsonNode lines = ((ObjectNode) st.deepCopy()).without(List.of("paid", "state"));
            JsonNode before = closed.putIfAbsent(want.month(), lines);
            if (before != null) {
                assertEquals(before, lines, "a closed statement changed");
            }
        }
        if (!"DELINQUENT".equals(view.get("status").asText())) {
            long cardLimit = view.get("cards").get(0).get("limit").asLong();
            ISOMsg balance = Messages.purchase(pan, "4912", "KEN KATO", 0, stan());
            Messages.set(balance, 3, "300000");
            ISOMsg r = s.connection().request(balance);
            assertEquals("00", r.getString(39), () -> "balance inquiry: " + r.getString(48));
            assertEquals(Math.min(cardLimit, view.get("creditLimit").asLong()) - owed - view.get("openHolds").asLong(),
                    Messages.de54(r), "the next authorization sees what the view says");
        }
    }
}
