package io.tatekae.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatekae.admin.AdminRoutes;
import io.tatekae.billing.AccountViews;
import io.tatekae.billing.Billing;
import io.tatekae.billing.BillingCalendar;
import io.tatekae.billing.CardIssuer;
import io.tatekae.engine.Postings;
import io.tatekae.payments.PaymentApplier;
import io.tatekae.payments.PaymentFileParser;
import io.tatekae.payments.PaymentFileSummary;
import io.tatekae.pipeline.SwitchPipeline;
import io.tatekae.state.AccountState;
import io.tatekae.state.StateStore;

import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin surface for the app and for support (billing.md §8), JSON in and out: the account view, the
 * payment agents' file, points redemption, direct debit and card issuing. Everything that reads or
 * changes an account runs on the decision thread; an answer that reveals a change waits until the journal
 * has made it durable. Errors are JSON {"error": reason}, never a stack trace.
 */
final class BillingAdmin {
    private static final System.Logger LOG = System.getLogger(BillingAdmin.class.getName());
    /** Payment lines per decision-thread task: bounds the pause a large file causes. */
    static final int PAYMENT_CHUNK = 500;

    private final SwitchPipeline pipeline;
    private final StateStore store;
    private final Postings postings;
    private final Billing billing;
    private final AccountViews views;
    private final CardIssuer issuer;
    private final PaymentApplier payments;
    private final ChunkedApply chunks;
    private final InstantSource clock;

    BillingAdmin(SwitchPipeline pipeline, StateStore store, Postings postings, Billing billing, AccountViews views,
                 CardIssuer issuer, InstantSource clock) {
        this.pipeline = pipeline;
        this.store = store;
        this.postings = postings;
        this.billing = billing;
        this.views = views;
        this.issuer = issuer;
        this.payments = new PaymentApplier(store, postings);
        this.chunks = new ChunkedApply(pipeline, postings, PAYMENT_CHUNK);
        this.clock = clock;
    }

    /** GET /admin/accounts/{id}. */
    CompletableFuture<AdminRoutes.Reply> account(List<String> path, String query) {
        String id = path.getFirst();
        return onAccount(id, index -> {
            // Taken now (it may close the account's past months first); answered once that is durable.
            ObjectNode view = BillingJson.account(views.view(index, clock.millis()), billing.calendar().zone());
            return durable(() -> BillingJson.reply(200, view));
        });
    }

    /** PUT /admin/accounts/{id}/direct-debit {"registered":true}. */
    CompletableFuture<AdminRoutes.Reply> directDebit(List<String> path, String body) {
        ObjectNode request;
        try {
            request = object(body);
        } catch (BadRequest e) {
            return done(BillingJson.error(400, e.getMessage()));
        }
        JsonNode registered = request.get("registered");
        if (registered == null || !registered.isBoolean()) {
            return done(BillingJson.error(400, "registered: must be true or false"));
        }
        return onAccount(path.getFirst(), index -> {
            billing.directDebit(index, registered.booleanValue(), clock.millis());
            return durable(() -> BillingJson.reply(200,
                    BillingJson.account(views.view(index, clock.millis()), billing.calendar().zone())));
        });
    }

    /** POST /admin/points/redeem {"account","points"}. */
    CompletableFuture<AdminRoutes.Reply> redeem(String body) {
        String account;
        long points;
        try {
            ObjectNode request = object(body);
            account = accountId(request);
            JsonNode p = request.get("points");
            if (p == null || !p.isIntegralNumber() || !p.canConvertToLong() || p.asLong() < 1 || p.asLong() > 100_000_000) {
                throw new BadRequest("points: must be a whole number, 1..100000000");
            }
            points = p.asLong();
        } catch (BadRequest e) {
            return done(BillingJson.error(400, e.getMessage()));
        }
        return onAccount(account, index -> {
            Billing.Redemption r = billing.redeem(index, points, clock.millis());
            if (r.refusal() != null) {
                return done(BillingJson.error(409, r.refusal()));
            }
            return durable(() -> BillingJson.reply(200, BillingJson.object().put("redeemed", r.redeemed())
                    .put("statementMonth", BillingCalendar.monthText(r.statementMonth())).put("pointsLeft", r.pointsLeft())));
        });
    }

    /** POST /admin/cards {"account","name"}: 201 with the card (its PAN and CAV2, only here), 409 every unmet condition. */
    CompletableFuture<AdminRoutes.Reply> issueCard(String body) {
        String account;
        String name;
        try {
            ObjectNode request = object(body);
            account = accountId(request);
            JsonNode n = request.get("name");
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                throw new BadRequest("name: the cardholder's name in romaji, e.g. \"TARO YAMADA\"");
            }
            name = n.asText();
        } catch (BadRequest e) {
            return done(BillingJson.error(400, e.getMessage()));
        }
        return onAccount(account, index -> {
            CardIssuer.Result result;
            try {
                result = issuer.issue(index, name, clock.millis());
            } catch (IllegalArgumentException e) {
                return done(BillingJson.error(400, "name: " + e.getMessage().replace("provisioned cardholder name", "the name")));
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.ERROR, "card issuing failed for account " + account + ": " + e.getMessage());
                return done(BillingJson.error(503, "no card could be issued now: " + e.getMessage()));
            }
            if (result instanceof CardIssuer.Refused refused) {
                return done(BillingJson.reply(409, BillingJson.refused(refused.reasons())));
            }
            CardIssuer.Issued card = (CardIssuer.Issued) result;
            return durable(() -> BillingJson.reply(201, BillingJson.object().put("pan", card.pan())
                    .put("expiry", String.format("%04d", card.expiryYymm())).put("cav2", card.cav2())
                    .put("limit", card.limit()).put("status", card.status())));
        });
    }

    /** POST /admin/payments/file: the agents' JSON Lines file; 200 with the summary (503 when the journal stopped it). */
    CompletableFuture<AdminRoutes.Reply> paymentsFile(String body) {
        return CompletableFuture.supplyAsync(() -> PaymentFileParser.parse(body, clock.millis())).thenComposeAsync(parsed -> {
            PaymentFileSummary summary = new PaymentFileSummary();
            summary.linesRead = parsed.linesRead();
            parsed.rejected().forEach(r -> summary.reject(r.line(), r.reason()));
            return chunks.apply(parsed.lines(), chunk -> {
                PaymentFileSummary part = new PaymentFileSummary();
                payments.apply(chunk, part);
                return () -> summary.add(part);
            }, failed -> summary.stoppedAt = ChunkedApply.notCommitted(failed.getFirst().lineNumber(), "send"))
                    .thenApply(ok -> BillingJson.reply(ok ? 200 : 503, BillingJson.paymentFile(summary)));
        }).exceptionally(BillingAdmin::internalError);
    }

    @FunctionalInterface
    private interface AccountTask {
        CompletableFuture<AdminRoutes.Reply> run(int accountIndex);
    }

    /** Runs {@code task} on the decision thread for the account with this id; 404 when there is none. */
    private CompletableFuture<AdminRoutes.Reply> onAccount(String id, AccountTask task) {
        if (id.isEmpty() || id.length() > AccountState.ID_CAPACITY || !id.chars().allMatch(c -> c > 0x20 && c <= 0x7e)) {
            return done(BillingJson.error(404, "no account " + (id.length() > 20 ? id.substring(0, 20) + "..." : id)));
        }
        return pipeline.onDecisionThread(() -> {
            int index = store.accountIndex(id);
            return index < 0 ? done(BillingJson.error(404, "no account " + id)) : task.run(index);
        }).thenCompose(reply -> reply).exceptionally(BillingAdmin::internalError);
    }

    /** The answer once the journal made the batch durable; 503 when it could not (the change was taken back). */
    private CompletableFuture<AdminRoutes.Reply> durable(Supplier<AdminRoutes.Reply> answer) {
        return postings.whenDurable().thenApply(ok -> ok ? answer.get()
                : BillingJson.error(503, "the journal could not commit the change; nothing changed: try again"));
    }

    private static AdminRoutes.Reply internalError(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        LOG.log(System.Logger.Level.ERROR, "billing admin request failed", cause);
        return BillingJson.error(500, "internal error: " + cause.getClass().getSimpleName());
    }

    private static String accountId(ObjectNode request) throws BadRequest {
        JsonNode a = request.get("account");
        if (a == null || !a.isTextual() || a.asText().isEmpty() || a.asText().length() > AccountState.ID_CAPACITY) {
            throw new BadRequest("account: an account id of 1.." + AccountState.ID_CAPACITY + " characters");
        }
        return a.asText();
    }

    private static ObjectNode object(String body) throws BadRequest {
        try {
            JsonNode node = BillingJson.JSON.readTree(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new BadRequest("the body must be a JSON object");
    }

    private static CompletableFuture<AdminRoutes.Reply> done(AdminRoutes.Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
