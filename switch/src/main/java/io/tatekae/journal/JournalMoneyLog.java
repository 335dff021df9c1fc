package io.tatekae.journal;

import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.MoneyLog;

/**
 * The engine's money log on the journal: each hold event becomes one record, appended at once and
 * committed (fsync per the policy) once per batch, before the batch's responses are flushed.
 * After a failed commit it keeps answering false until a commit succeeds again.
 */
public final class JournalMoneyLog implements MoneyLog {
    private static final System.Logger LOG = System.getLogger(JournalMoneyLog.class.getName());

    private final JournalWriter writer;
    private final JournalRecord record = new JournalRecord();
    private boolean pending;
    private boolean failing;
    private boolean appendFailed;

    public JournalMoneyLog(JournalWriter writer) {
        this.writer = writer;
    }

    @Override
    public void record(HoldEvent e) {
        toRecord(e, record);
        pending = true;
        if (writer.broken()) {
            writer.tryRepair(); // rate-limited: a dead device is not hammered once per request
        }
        try {
            writer.append(record);
        } catch (JournalException refused) {
            // A writer that could not clean up after an I/O error refuses appends: the batch fails
            // at commit like any other journal failure (its requests are answered 91, not 96).
            appendFailed = true;
            if (!failing) {
                LOG.log(System.Logger.Level.ERROR, "journal refused an append", refused);
            }
        }
    }

    /**
     * Appends a record that is not a hold event (billing's statements, limits, statuses, issued
     * cards), in order with the hold events, committed with the same batch.
     */
    public void append(JournalRecord r) {
        pending = true;
        try {
            writer.append(r);
        } catch (JournalException refused) {
            appendFailed = true;
            if (!failing) {
                LOG.log(System.Logger.Level.ERROR, "journal refused an append", refused);
            }
        }
    }

    @Override
    public boolean commit() {
        if (!pending && !failing) {
            writer.forceIfDue(); // an idle batch-fsync journal still becomes durable, and postable
            return true;
        }
        if (!pending && writer.broken() && writer.tryRepair()) {
            // Idle while broken: the tick's commit repairs it, so the next request is approved again.
            failing = false;
            LOG.log(System.Logger.Level.WARNING, "journal commits work again");
            return true;
        }
        if (appendFailed) {
            appendFailed = false;
            pending = false;
            failing = true;
            return false;
        }
        try {
            writer.commit();
            pending = false;
            if (failing) {
                LOG.log(System.Logger.Level.WARNING, "journal commits work again");
            }
            failing = false;
            return true;
        } catch (JournalException e) {
            pending = false;
            if (!failing) {
                LOG.log(System.Logger.Level.ERROR, "journal commit failed; money-changing requests are declined until it works", e);
            }
            failing = true;
            return false;
        }
    }

    /** True while the last commit failed: the engine declines requests that would change money. */
    public boolean failing() {
        return failing;
    }

    static void toRecord(HoldEvent e, JournalRecord r) {
        r.clear();
        r.type(switch (e.kind) {
            case PLACED -> JournalRecordType.HOLD_PLACED;
            case FORCED -> JournalRecordType.HOLD_FORCED;
            case REDUCED -> JournalRecordType.HOLD_REDUCED;
            case VOIDED -> JournalRecordType.HOLD_VOIDED;
            case EXPIRED -> JournalRecordType.HOLD_EXPIRED;
            case CAPTURED -> JournalRecordType.HOLD_CAPTURED;
            case FORCED_POST -> JournalRecordType.FORCED_POST;
            case REFUND -> JournalRecordType.REFUND_CREDIT;
            case PAYMENT -> JournalRecordType.PAYMENT;
            case OUTSTANDING_SET -> JournalRecordType.OUTSTANDING_SET;
        });
        r.holdId(e.holdId)
                .accountIndex(e.accountIndex)
                .amount(e.amount)
                .secondAmount(e.released)
                .eventTimeMillis(e.timeMillis)
                .stan(e.stan)
                .requestKey(e.keyA, e.keyB)
                .requestContent(e.panHi, e.panLo, e.amountAndCode, e.merchantHash)
                .authCounter(e.authCounter)
                .postingId(e.postingId);
        if (e.kind == HoldEvent.Kind.PLACED || e.kind == HoldEvent.Kind.FORCED || e.accountIdLength > 0) {
            r.plan(e.plan == 2 ? PointsPlan.PLUS : PointsPlan.STANDARD)
                    .accountId(e.accountId, 0, e.accountIdLength)
                    .maskedPan(e.maskedPan, 0, e.maskedPanLength)
                    .rrn(e.rrn, 0, e.rrnLength);
            if (e.kind != HoldEvent.Kind.PAYMENT && e.kind != HoldEvent.Kind.OUTSTANDING_SET) {
                r.authCode(e.authCode, 0, e.authCode.length);
            }
        }
        if (e.kind == HoldEvent.Kind.PAYMENT) {
            r.x(1, e.paidAtMillis).n1(e.paymentMethod).text(e.reference, 0, e.referenceLength);
        }
    }

    /** The engine's view of a journaled hold record; false for records that are not hold events. */
    public static boolean toEvent(JournalRecord r, HoldEvent e) {
        HoldEvent.Kind kind = switch (r.type()) {
            case HOLD_PLACED -> HoldEvent.Kind.PLACED;
            case HOLD_FORCED -> HoldEvent.Kind.FORCED;
            case HOLD_REDUCED -> HoldEvent.Kind.REDUCED;
            case HOLD_VOIDED -> HoldEvent.Kind.VOIDED;
            case HOLD_EXPIRED -> HoldEvent.Kind.EXPIRED;
            case HOLD_CAPTURED -> HoldEvent.Kind.CAPTURED;
            case FORCED_POST -> HoldEvent.Kind.FORCED_POST;
            case REFUND_CREDIT -> HoldEvent.Kind.REFUND;
            case PAYMENT -> HoldEvent.Kind.PAYMENT;
            case OUTSTANDING_SET -> HoldEvent.Kind.OUTSTANDING_SET;
            default -> null;
        };
        if (kind == null) {
            return false;
        }
        e.clear();
        e.kind = kind;
        e.holdId = r.holdId();
        e.accountIndex = r.accountIndex();
        e.amount = r.amount();
        e.released = r.secondAmount();
        e.timeMillis = r.eventTimeMillis();
        e.stan = r.stan();
        e.keyA = r.requestKeyA();
        e.keyB = r.requestKeyB();
        e.panHi = r.panKeyHi();
        e.panLo = r.panKeyLo();
        e.amountAndCode = r.requestContent();
        e.merchantHash = r.merchantHash();
        e.authCounter = r.authCounter();
        e.postingId = r.postingId();
        e.plan = r.plan().code();
        System.arraycopy(r.authCode, 0, e.authCode, 0, AUTH_CODE_BYTES);
        e.rrnLength = asciiLength(r.rrn);
        System.arraycopy(r.rrn, 0, e.rrn, 0, e.rrnLength);
        e.accountIdLength = asciiLength(r.accountId);
        System.arraycopy(r.accountId, 0, e.accountId, 0, e.accountIdLength);
        if (kind == HoldEvent.Kind.PAYMENT) {
            e.paidAtMillis = r.x(1) != 0 ? r.x(1) : r.eventTimeMillis(); // payments journaled before paidAt existed
            e.paymentMethod = r.n1();
            e.referenceLength = r.textLength();
            System.arraycopy(r.text, 0, e.reference, 0, e.referenceLength);
        }
        return true;
    }

    private static final int AUTH_CODE_BYTES = JournalRecord.AUTH_CODE_MAX;

    private static int asciiLength(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return n;
    }
}
