package io.tatekae.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatekae.admin.AdminRoutes;
import io.tatekae.billing.PaymentMethod;
import io.tatekae.clearing.ClearingApplier;
import io.tatekae.clearing.ClearingParser;
import io.tatekae.clearing.ClearingSummary;
import io.tatekae.engine.Postings;
import io.tatekae.ledger.Ledger;
import io.tatekae.payments.PaymentApplier;
import io.tatekae.payments.PaymentFileParser;
import io.tatekae.pipeline.SwitchPipeline;
import io.tatekae.state.AccountState;
import io.tatekae.state.PanHasher;
import io.tatekae.state.StateStore;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The admin commands that change what accounts owe: clearing files, payments, and the points
 * balance query. Money changes run on the decision thread, in chunks so requests keep flowing, and
 * each answer waits until the journal has made its changes durable.
 */
final class MoneyAdmin {
    /** Clearing lines per decision-thread task: bounds the pause a large file causes. */
    static final int CLEARING_CHUNK = 500;
    static final long MAX_PAYMENT = 100_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwitchPipeline pipeline;
    private final StateStore store;
    private final Postings postings;
    private final ClearingApplier clearing;
    private final ChunkedApply chunks;
    private final Ledger ledger;
    private final LongSupplier ledgerLag;
    private final InstantSource clock;

    MoneyAdmin(SwitchPipeline pipeline, StateStore store, PanHasher hasher, Postings postings, Ledger ledger,
               LongSupplier ledgerLag, InstantSource clock) {
        this.pipeline = pipeline;
        this.store = store;
        this.postings = postings;
        this.clearing = new ClearingApplier(store, hasher, postings);
        this.chunks = new ChunkedApply(pipeline, postings, CLEARING_CHUNK);
        this.ledger = ledger;
        this.ledgerLag = ledgerLag;
        this.clock = clock;
    }

    /** POST /admin/clearing: the body is the clearing file. 200 when every line was used, 422 otherwise. */
    CompletableFuture<AdminRoutes.Reply> clearing(String body) {
        // Parsing and chaining run off the HTTP event loop and off the decision thread (whose
        // commit completes each chunk): submitting the next chunk may wait for a ring slot.
        return CompletableFuture.supplyAsync(() -> ClearingParser.parse(body)).thenComposeAsync(parsed -> {
            ClearingSummary summary = new ClearingSummary();
            summary.lines = parsed.lines().size() + parsed.rejected().size();
            parsed.rejected().forEach(summary::reject);
            return chunks.apply(parsed.lines(), chunk -> {
                ClearingSummary part = new ClearingSummary();
                clearing.apply(chunk, part);
                return () -> summary.add(part);
            }, failed -> summary.stoppedAt = ChunkedApply.notCommitted(failed.getFirst().lineNumber(), "ingest"))
                    .thenApply(ok -> AdminRoutes.reply(!ok ? 503 : summary.rejected > 0 ? 422 : 200, summary.describe()));
        });
    }

    /**
     * POST /admin/payments: {"account":"A0000001","amount":12000,"id":"PAY-123"}, optionally with "paidAt"
     * (when the customer paid; default now) and "method"; the id makes it idempotent, across this command
     * and the payment file. More than is owed is applied too: a credit on the next statement (billing.md §3).
     */
    CompletableFuture<AdminRoutes.Reply> payment(String body) {
        Payment p;
        try {
            p = Payment.parse(body, clock.millis());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(AdminRoutes.reply(400, "payment: " + e.getMessage()));
        }
        long postingId = PaymentFileParser.postingId(p.id());
        return pipeline.onDecisionThread(() -> {
            int index = store.accountIndex(p.account());
            if (index < 0) {
                return CompletableFuture.completedFuture(AdminRoutes.reply(404, "payment: no account " + p.account()));
            }
            if (postings.applied(postingId)) {
                return CompletableFuture.completedFuture(AdminRoutes.reply(200,
                        "payment " + p.id() + " already applied: nothing changed"));
            }
            AccountState account = new AccountState();
            store.readAccount(index, account);
            long owedBefore = account.outstanding();
            byte[] reference = PaymentApplier.reference(p.id());
            long applied = postings.payment(index, p.amount(), postingId, p.paidAtMillis(), p.method().code(),
                    reference, reference.length);
            store.readAccount(index, account);
            String text = "payment " + p.id() + ": applied " + applied + " yen to " + p.account()
                    + ", outstanding now " + account.outstanding() + " yen"
                    + (applied > Math.max(0, owedBefore) ? "; " + (applied - Math.max(0, owedBefore))
                    + " yen more than was owed: a credit on the next statement" : "");
            return postings.whenDurable().thenApply(durable -> durable ? AdminRoutes.reply(200, text)
                    : AdminRoutes.reply(503, "payment " + p.id() + ": the journal could not commit it; not applied, retry"));
        }).thenCompose(reply -> reply);
    }

    /** GET /admin/points?account=A0000001: the ledger's points balance, once the ledger has caught up (up to 5 s). */
    CompletableFuture<AdminRoutes.Reply> points(String query) {
        String account = queryParameter(query, "account");
        if (account == null || account.isEmpty() || account.length() > AccountState.ID_CAPACITY) {
            return CompletableFuture.completedFuture(AdminRoutes.reply(400, "points: give ?account=<id> (at most 16 characters)"));
        }
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ledgerLag.getAsLong() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            long points = ledger.pointsBalance(account, clock.millis());
            return new AdminRoutes.Reply(200, "application/json",
                    "{\"account\":\"" + account + "\",\"points\":" + points + ",\"ledgerLag\":" + ledgerLag.getAsLong() + "}\n");
        });
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A payment request, validated. */
    record Payment(String account, long amount, String id, long paidAtMillis, PaymentMethod method) {
        static Payment parse(String body, long nowMillis) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("body is not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object {\"account\":..., \"amount\":..., \"id\":...}");
            }
            String account = text(node, "account", AccountState.ID_CAPACITY);
            String id = text(node, "id", 64);
            JsonNode a = node.get("amount");
            if (a == null || !a.isIntegralNumber() || !a.canConvertToLong() || a.asLong() < 1 || a.asLong() > MAX_PAYMENT) {
                throw new IllegalArgumentException("amount: must be a whole number of yen, 1.." + MAX_PAYMENT);
            }
            long paidAt = nowMillis;
            if (node.hasNonNull("paidAt")) {
                try {
                    paidAt = PaymentFileParser.paidAt(node, nowMillis);
                } catch (PaymentFileParser.InvalidLine e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }
            PaymentMethod method = PaymentMethod.UNSPECIFIED;
            if (node.hasNonNull("method")) {
                method = PaymentMethod.named(node.get("method").asText());
                if (method == null) {
                    throw new IllegalArgumentException("method: must be CONVENIENCE_STORE, BANK_ATM, PAY_EASY or DIRECT_DEBIT");
                }
            }
            return new Payment(account, a.asLong(), id, paidAt, method);
        }

        private static String text(JsonNode node, String key, int max) {
            JsonNode v = node.get(key);
            if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max
                    || !v.asText().chars().allMatch(c -> c > 0x20 && c <= 0x7e)) {
                throw new IllegalArgumentException(key + ": must be 1.." + max + " printable ASCII characters without spaces");
            }
            return v.asText();
        }
    }
}
