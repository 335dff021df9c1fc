package io.tatekae.journal;

import io.tatekae.billing.BillingEvent;
import io.tatekae.billing.BillingLog;
import io.tatekae.state.MaskedPan;

/**
 * Billing's events on the journal, appended through the engine's {@link JournalMoneyLog} so that they
 * keep their order with the holds and payments and commit with the same batch; and the way back for
 * recovery. See {@link JournalRecordType} for what each field of each type holds.
 */
public final class JournalBillingLog implements BillingLog {
    private final JournalMoneyLog moneyLog;
    private final JournalRecord record = new JournalRecord();

    public JournalBillingLog(JournalMoneyLog moneyLog) {
        this.moneyLog = moneyLog;
    }

    @Override
    public void record(BillingEvent e) {
        toRecord(e, record);
        moneyLog.append(record);
    }

    static void toRecord(BillingEvent e, JournalRecord r) {
        r.clear();
        r.type(switch (e.kind) {
            case STATEMENT_CLOSED -> JournalRecordType.STATEMENT_CLOSED;
            case POINTS_REDEEMED -> JournalRecordType.POINTS_REDEEMED;
            case CARD_LIMIT_SET -> JournalRecordType.CARD_LIMIT_SET;
            case ACCOUNT_STATUS -> JournalRecordType.ACCOUNT_STATUS;
            case CREDIT_LIMIT_SET -> JournalRecordType.CREDIT_LIMIT_SET;
            case CARD_ISSUED -> JournalRecordType.CARD_ISSUED;
        });
        r.accountIndex(e.accountIndex)
                .accountId(e.accountId)
                .eventTimeMillis(e.timeMillis)
                .amount(e.amount)
                .secondAmount(e.previous)
                .n1(e.n1)
                .n2(e.n2)
                .requestContent(e.panHi, e.panLo, 0, 0)
                .maskedPan(e.maskedPan);
        boolean text = JournalRecordCodec.hasText(r.type());
        for (int i = 0; i < (text ? 2 : BillingEvent.X_COUNT); i++) {
            r.x(i + 1, e.x[i]);
        }
        if (text) {
            r.text(MaskedPan.maskDigitRuns(e.text, JournalRecord.TEXT_MAX));
        }
    }

    /** Billing's view of a journaled record; false for records that are not billing's. */
    public static boolean toEvent(JournalRecord r, BillingEvent e) {
        BillingEvent.Kind kind = switch (r.type()) {
            case STATEMENT_CLOSED -> BillingEvent.Kind.STATEMENT_CLOSED;
            case POINTS_REDEEMED -> BillingEvent.Kind.POINTS_REDEEMED;
            case CARD_LIMIT_SET -> BillingEvent.Kind.CARD_LIMIT_SET;
            case ACCOUNT_STATUS -> BillingEvent.Kind.ACCOUNT_STATUS;
            case CREDIT_LIMIT_SET -> BillingEvent.Kind.CREDIT_LIMIT_SET;
            case CARD_ISSUED -> BillingEvent.Kind.CARD_ISSUED;
            default -> null;
        };
        if (kind == null) {
            return false;
        }
        e.clear();
        e.kind = kind;
        e.accountIndex = r.accountIndex();
        e.accountId = r.accountId();
        e.timeMillis = r.eventTimeMillis();
        e.amount = r.amount();
        e.previous = r.secondAmount();
        for (int i = 0; i < BillingEvent.X_COUNT; i++) {
            e.x[i] = r.x(i + 1);
        }
        e.n1 = r.n1();
        e.n2 = r.n2();
        e.panHi = r.panKeyHi();
        e.panLo = r.panKeyLo();
        e.maskedPan = r.maskedPan();
        e.text = r.text();
        return true;
    }
}
