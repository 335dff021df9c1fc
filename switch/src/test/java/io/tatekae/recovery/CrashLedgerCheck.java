package io.tatekae.recovery;

import io.tatekae.ledger.LedgerConfig;
import io.tatekae.ledger.LedgerConnections;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The verdict of a run under load, from the ledger database (plain SQL on a read-only connection)
 * against the client's book: holds match the approvals seen one to one (extra holds only for requests
 * the kill left unanswered), acknowledged reversals are voided, every account's totals equal its hold
 * and transfer rows, and each account's credit agrees with the switch.
 */
final class CrashLedgerCheck {
    /** One row of ledger_hold. */
    record Hold(long holdId, String accountId, String state, long authorized, long pending, String authCode, String rrn) {
    }

    private CrashLedgerCheck() {
    }

    static void verify(CrashBook book, CrashCards cards, LedgerConfig config, Map<String, Long> switchAvailable) throws SQLException {
        Map<String, List<Hold>> holdsByRrn = new HashMap<>();
        for (Hold h : holds(config)) {
            holdsByRrn.computeIfAbsent(h.rrn(), k -> new ArrayList<>()).add(h);
        }
        int approvals = checkApprovalsSeen(book, holdsByRrn);
        int unansweredWithHold = checkEveryHoldHasAnAuthorization(book, holdsByRrn);
        int reversed = checkReversals(book, holdsByRrn);
        checkCredit(cards, config, holdsByRrn, switchAvailable);
        int accounts = checkTotalsEqualRows(config);
        long unanswered = book.purchases().stream().filter(p -> !p.answered()).count()
                + book.reversals().stream().filter(r -> !r.answered()).count();
        long advices = book.reversals().stream().filter(r -> r.answered() && !r.original.answered()).count();
        System.out.printf("%d purchases sent, %d approvals seen, %d reversals acknowledged, %d requests unanswered"
                        + " (%d unanswered purchases hold money), %d 0420s for unanswered purchases acknowledged,"
                        + " %d accounts' totals equal their rows%n",
                book.purchases().size(), approvals, reversed, unanswered, unansweredWithHold, advices, accounts);
        assertTrue(approvals >= 100, "too few approvals to prove anything: " + approvals);
        assertTrue(reversed >= 10, "too few reversals to prove anything: " + reversed);
    }

    /** Every approval the client saw has exactly one hold, with its DE 38, amount and account; DE 38s never repeat. */
    private static int checkApprovalsSeen(CrashBook book, Map<String, List<Hold>> holdsByRrn) {
        Set<String> codes = new HashSet<>();
        int approvals = 0;
        for (CrashBook.Purchase p : book.purchases()) {
            if (!p.approved()) {
                continue;
            }
            approvals++;
            assertTrue(codes.add(p.de38), () -> "DE 38 " + p.de38 + " given to two approvals");
            List<Hold> holds = holdsByRrn.getOrDefault(p.rrn(), List.of());
            assertEquals(1, holds.size(), () -> "holds in the ledger for the approval with RRN " + p.rrn() + ": " + holds);
            Hold h = holds.getFirst();
            assertEquals(p.de38, h.authCode(), () -> "DE 38 of RRN " + p.rrn());
            assertEquals(p.amount, h.authorized(), () -> "amount of RRN " + p.rrn());
            assertEquals(p.card.account(), h.accountId(), () -> "account of RRN " + p.rrn());
        }
        return approvals;
    }

    /** No hold without an authorization: each traces to an approval seen or to a purchase the kill left unanswered. */
    private static int checkEveryHoldHasAnAuthorization(CrashBook book, Map<String, List<Hold>> holdsByRrn) {
        int unansweredWithHold = 0;
        for (List<Hold> holds : holdsByRrn.values()) {
            Hold h = holds.getFirst();
            CrashBook.Purchase p = book.purchase(h.rrn());
            assertNotNull(p, () -> "ledger hold for a request the client never sent: " + h);
            assertEquals(1, holds.size(), () -> "one request, several holds: " + holds);
            if (p.answered()) {
                assertTrue(p.approved(), () -> "hold for a request answered " + p.de39 + ": " + h);
            } else {
                unansweredWithHold++;
                assertEquals(p.amount, h.authorized(), () -> "amount of the unanswered purchase's hold " + h);
                checkUnansweredHold(p, h);
            }
        }
        return unansweredWithHold;
    }

    /** A hold for a purchase never answered: voided if a 0420 for it was acknowledged, pending if none was sent. */
    private static void checkUnansweredHold(CrashBook.Purchase p, Hold h) {
        CrashBook.Reversal advice = p.reversal;
        if (advice == null) {
            assertEquals("PENDING", h.state(), () -> "nothing reversed this unanswered purchase: " + h);
            assertEquals(p.amount, h.pending(), () -> "nothing reversed this unanswered purchase: " + h);
        } else if (advice.answered()) {
            assertEquals("00", advice.de39, () -> "a 0420 is always acknowledged 00 (RRN " + p.rrn() + ")");
            assertEquals("VOIDED", h.state(), () -> "acknowledged 0420 not applied: " + h);
        } else {
            assertTrue(h.state().equals("PENDING") || h.state().equals("VOIDED"), () -> "unanswered 0420: " + h);
        }
    }

    /** Acknowledged reversals voided the hold; approvals never reversed are still pending in full. */
    private static int checkReversals(CrashBook book, Map<String, List<Hold>> holdsByRrn) {
        int acknowledged = 0;
        for (CrashBook.Purchase p : book.purchases()) {
            if (!p.approved()) {
                continue;
            }
            Hold h = holdsByRrn.get(p.rrn()).getFirst();
            CrashBook.Reversal r = p.reversal;
            if (r == null) {
                assertEquals("PENDING", h.state(), () -> "never reversed: " + h);
                assertEquals(p.amount, h.pending(), () -> "never reversed: " + h);
            } else if (r.answered()) {
                acknowledged++;
                assertEquals("00", r.de39, () -> "reversal of a seen approval answered " + r.de39 + " (RRN " + p.rrn() + ")");
                assertEquals("VOIDED", h.state(), () -> "acknowledged reversal not applied: " + h);
                assertEquals(0, h.pending(), () -> "acknowledged reversal not applied: " + h);
            } else {
                assertTrue(h.state().equals("PENDING") || h.state().equals("VOIDED"), () -> "unanswered reversal: " + h);
            }
        }
        return acknowledged;
    }

    /** The switch's available credit per account equals the credit limit less the ledger's open holds. */
    private static void checkCredit(CrashCards cards, LedgerConfig config, Map<String, List<Hold>> holdsByRrn,
                                    Map<String, Long> switchAvailable) throws SQLException {
        Map<String, Long> pendingByAccount = new HashMap<>();
        holdsByRrn.values().forEach(hs -> hs.forEach(h -> pendingByAccount.merge(h.accountId(), h.pending(), Long::sum)));
        Map<String, Long> ledgerOpen = new HashMap<>();
        try (Connection c = new LedgerConnections(config).openReader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account_id, pending_holds, posted FROM ledger_account")) {
            while (rs.next()) {
                String account = rs.getString(1);
                ledgerOpen.put(account, rs.getLong(2));
                assertEquals(0, rs.getLong(3), () -> "nothing was cleared, yet " + account + " has posted amounts");
            }
        }
        for (String account : cards.accounts()) {
            long open = ledgerOpen.getOrDefault(account, 0L);
            assertEquals(pendingByAccount.getOrDefault(account, 0L), open, () -> "ledger account row vs its holds: " + account);
            assertEquals(CrashCards.CREDIT_LIMIT - open, switchAvailable.get(account),
                    () -> "available credit of " + account + ": switch vs ledger");
        }
    }

    /**
     * Each account row's totals equal its rows: open holds = the pending amounts of its pending holds =
     * the sum of its transfers' pending deltas; posted = the sum of its transfers' posted deltas.
     */
    static int checkTotalsEqualRows(LedgerConfig config) throws SQLException {
        int accounts = 0;
        try (Connection c = new LedgerConnections(config).openReader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.account_id, a.pending_holds, a.posted,"
                     + " (SELECT COALESCE(SUM(h.pending_amount), 0) FROM ledger_hold h WHERE h.account_id = a.account_id AND h.state = 'PENDING'),"
                     + " (SELECT COALESCE(SUM(t.pending_delta), 0) FROM ledger_transfer t WHERE t.account_id = a.account_id),"
                     + " (SELECT COALESCE(SUM(t.posted_delta), 0) FROM ledger_transfer t WHERE t.account_id = a.account_id)"
                     + " FROM ledger_account a")) {
            while (rs.next()) {
                accounts++;
                String account = rs.getString(1);
                assertEquals(rs.getLong(2), rs.getLong(4), () -> account + ": open holds vs its pending hold rows");
                assertEquals(rs.getLong(2), rs.getLong(5), () -> account + ": open holds vs its transfers");
                assertEquals(rs.getLong(3), rs.getLong(6), () -> account + ": posted vs its transfers");
            }
        }
        return accounts;
    }

    private static List<Hold> holds(LedgerConfig config) throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (Connection c = new LedgerConnections(config).openReader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hold_id, account_id, state, authorized_amount, pending_amount, auth_code, rrn"
                     + " FROM ledger_hold ORDER BY hold_id")) {
            while (rs.next()) {
                holds.add(new Hold(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7)));
            }
        }
        if (holds.isEmpty()) {
            fail("the ledger has no holds at all");
        }
        return holds;
    }
}
