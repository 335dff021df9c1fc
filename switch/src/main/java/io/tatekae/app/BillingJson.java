package io.tatekae.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatekae.admin.AdminRoutes;
import io.tatekae.billing.AccountView;
import io.tatekae.billing.BillingCalendar;
import io.tatekae.billing.Change;
import io.tatekae.payments.PaymentFileParser;
import io.tatekae.payments.PaymentFileSummary;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The JSON of the billing admin surface (billing.md §8): amounts in yen, dates YYYY-MM-DD, months YYYY-MM, Japan time. */
final class BillingJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private BillingJson() {
    }

    static AdminRoutes.Reply error(int status, String reason) {
        return AdminRoutes.Reply.json(status, JSON.createObjectNode().put("error", reason).toString());
    }

    static AdminRoutes.Reply reply(int status, ObjectNode body) {
        return AdminRoutes.Reply.json(status, body.toString());
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode account(AccountView v, ZoneId zone) {
        ObjectNode o = JSON.createObjectNode()
                .put("id", v.id())
                .put("status", v.status())
                .put("creditLimit", v.creditLimit())
                .put("directDebit", v.directDebit())
                .put("available", v.available())
                .put("owed", v.owed())
                .put("openHolds", v.openHolds())
                .put("points", v.points());
        ArrayNode cards = o.putArray("cards");
        for (AccountView.CardLine c : v.cards()) {
            cards.addObject().put("maskedPan", c.maskedPan()).put("limit", c.limit()).put("status", c.status())
                    .put("available", c.available());
        }
        ArrayNode statements = o.putArray("statements");
        for (AccountView.StatementLine s : v.statements()) {
            statements.addObject()
                    .put("month", BillingCalendar.monthText(s.month()))
                    .put("amountDue", s.amountDue())
                    .put("dueDate", BillingCalendar.dateText(s.dueDate()))
                    .put("paid", s.paid())
                    .put("state", s.state())
                    .put("carriedOver", s.carriedOver())
                    .put("purchases", s.purchases())
                    .put("refunds", s.refunds())
                    .put("planFee", s.planFee())
                    .put("billingFee", s.billingFee())
                    .put("pointsUsed", s.pointsUsed());
        }
        ArrayNode changes = o.putArray("changes");
        for (Change c : v.changes()) {
            changes.addObject()
                    .put("at", Instant.ofEpochMilli(c.atMillis()).atZone(zone).toOffsetDateTime().toString())
                    .put("what", c.what())
                    .put("from", c.from())
                    .put("to", c.to())
                    .put("cause", c.cause().words())
                    .put("detail", c.reference());
        }
        return o;
    }

    static ObjectNode paymentFile(PaymentFileSummary s) {
        ObjectNode o = JSON.createObjectNode()
                .put("linesRead", s.linesRead)
                .put("paymentsApplied", s.applied)
                .put("yenApplied", s.appliedYen)
                .put("duplicatesIgnored", s.duplicates)
                .put("linesRejected", s.rejected);
        ArrayNode rejected = o.putArray("rejected");
        for (PaymentFileParser.Rejected r : s.rejectedLines) {
            rejected.addObject().put("line", r.line()).put("reason", r.reason());
        }
        if (s.stoppedAt != null) {
            o.put("stopped", s.stoppedAt);
        }
        return o;
    }

    static ObjectNode refused(List<String> reasons) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray("refused");
        reasons.forEach(a::add);
        return o;
    }
}
