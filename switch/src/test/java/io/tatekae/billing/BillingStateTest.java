package io.tatekae.billing;

import io.tatekae.engine.HoldEvent;
import io.tatekae.state.AccountState;
import io.tatekae.state.AccountTerms;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Billing's replayed state alone: years of statements stay bounded in memory without changing what the
 * issuing rules count, and the state goes through a snapshot and back unchanged.
 */
class BillingStateTest {
    private static final BillingSettings SETTINGS = new BillingSettings(209, 300, 10, 50_000, 100_000,
            new Ladder(List.of(3_000L, 5_000L)), ZoneId.of("Asia/Tokyo"), new Eligibility.Rules(2, 3, 3_000));
    private final BillingCalendar calendar = SETTINGS.calendar();

    /** Three years of monthly 1,000-yen statements, each paid (every fifth one late); returns the state. */
    private BillingState threeYears() {
        BillingState state = new BillingState(SETTINGS);
        HoldEvent e = new HoldEvent();
        BillingEvent closed = new BillingEvent();
        int month = 202401;
        for (int i = 0; i < 36; i++, month = BillingCalendar.next(month)) {
            post(state, e, HoldEvent.Kind.FORCED_POST, 1_000, calendar.monthStart(month) + 1_000, 0);
            AccountBook b = state.book(0);
            long closeAt = calendar.monthEnd(month) + 1_000;
            Statement s = StatementMath.close(b, false, false, SETTINGS, calendar, closeAt);
            state.apply(closed.statementClosed(0, "A1", closeAt, s));
            long paidAt = i % 5 == 0 ? calendar.dueEnd(month) + 1_000 : calendar.dueEnd(month) - 1_000;
            post(state, e, HoldEvent.Kind.PAYMENT, s.amountDue(), calendar.dueEnd(month) + 2_000, paidAt);
        }
        return state;
    }

    private static void post(BillingState state, HoldEvent e, HoldEvent.Kind kind, long amount, long at, long paidAt) {
        e.clear();
        e.kind = kind;
        e.accountIndex = 0;
        e.amount = amount;
        e.timeMillis = at;
        e.paidAtMillis = paidAt;
        e.plan = 1;
        state.apply(e);
    }

    @Test
    void yearsOfStatementsKeepTwoYearsInFullAndCountTheRest() {
        AccountBook b = threeYears().book(0);
        assertEquals(AccountBook.MAX_STATEMENTS_KEPT, b.statements.size());
        assertEquals(36, b.statementCount());
        assertEquals(12, b.olderStatements);
        assertEquals(3, b.olderLate, "months 0, 5 and 10 of the first twelve were paid late");
        List<String> refusals = Eligibility.refusals(SETTINGS.eligibility(), new AccountState().kycVerified(true),
                new AccountTerms(), b, false, calendar.monthStart(202701));
        assertEquals(List.of("8 statements were paid late"), refusals, "3 dropped + 5 kept, all counted");
    }

    @Test
    void theStateGoesThroughASnapshotAndBackUnchanged() {
        BillingState state = threeYears();
        state.apply(new BillingEvent().cardLimitSet(0, "A1", 1L, 7L, 8L, "354099******0001", 3_000, 5_000,
                Cause.STATEMENT_PAID_ON_TIME, 202612, "statement 2026-12 paid on time"));
        state.apply(new BillingEvent().cardIssued(0, "A1", 2L, 9L, 10L, "354099******0002", 3_000, 3112, "TARO YAMADA"));
        List<Long> exported = new ArrayList<>();
        state.exportTo(exported::add);

        BillingState back = new BillingState(SETTINGS);
        int[] at = {0};
        back.importFrom(() -> exported.get(at[0]++));
        assertEquals(exported.size(), at[0], "every value read");
        List<Long> again = new ArrayList<>();
        back.exportTo(again::add);
        assertEquals(exported, again);
        assertEquals(state.pastDueFrom(0), back.pastDueFrom(0));
        assertEquals(state.book(0).owed(), back.book(0).owed());
        assertEquals(state.book(0).points.balance(calendar.monthStart(202612)), back.book(0).points.balance(calendar.monthStart(202612)));
        assertNotEquals(0, state.book(0).points.balance(calendar.monthStart(202612)));
        assertTrue(back.wasIssued(9L, 10L));
    }
}
