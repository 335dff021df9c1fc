package io.tatekae.bench.restart;

import io.tatekae.engine.AuthCodes;
import io.tatekae.engine.HoldEvent;
import io.tatekae.engine.TxnTable;
import io.tatekae.journal.JournalConfig;
import io.tatekae.journal.JournalMoneyLog;
import io.tatekae.journal.JournalWriter;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Writes the history: {@code records} journal records, through the engine's own money log (the records
 * the switch writes), spread over two hold lifetimes (14 days) up to {@link #end}. Each placed hold is voided a
 * few minutes later, captured by clearing a day later (a quarter of them for 90 %), or expires after the
 * 7-day lifetime — or stays open; those placed in the last 7 days stay open, up to {@code openHolds}.
 * The last records are steered so that exactly {@code openHolds} holds are open at the end (one partial
 * reversal absorbs an odd count). Every hold is on a provisioned card of a provisioned account.
 */
final class HistoryWriter {
    private static final long DAY = 86_400_000L;
    /** Records per journal commit: one busy batch of the decision thread. */
    private static final int BATCH = 256;

    private enum Fate { VOID, CAPTURE, EXPIRE, OPEN }

    private final RestartOptions o;
    private final BenchCards cards;
    private final JournalMoneyLog log;
    private final ExpectedState expected;
    private final HoldEvent e = new HoldEvent();
    private final HoldQueue voids = new HoldQueue();
    private final HoldQueue captures = new HoldQueue();
    private final HoldQueue expiries = new HoldQueue();
    private final long startMillis;
    private final double millisPerRecord;
    private final long voidDelay;
    private final long captureDelay;
    private final long expireDelay;
    private long nextHoldId = 1;
    private long openFated;
    private long lastOpenHold;
    private long open;
    private int cycle;

    private HistoryWriter(RestartOptions o, BenchCards cards, JournalMoneyLog log, long nowMillis) {
        this.o = o;
        this.cards = cards;
        this.log = log;
        this.expected = new ExpectedState(o.accounts());
        this.startMillis = nowMillis - 14 * DAY;
        this.millisPerRecord = 14.0 * DAY / o.records();
        this.voidDelay = Math.max(1, Math.min(1_000, o.records() / 100));
        this.captureDelay = o.records() / 14;
        this.expireDelay = o.records() / 2;
    }

    /**
     * When the history ends: noon of the 28th of last month, in the switch's time zone, so that its 14 days
     * lie inside one billing month (a history across a month's end would need the statements billing
     * closes there; without them billing's recovery closes every account's month itself, which is not a
     * restart's work).
     */
    static long end(ZoneId zone) {
        return ZonedDateTime.now(zone).minusMonths(1).withDayOfMonth(28).truncatedTo(ChronoUnit.DAYS).withHour(12)
                .toInstant().toEpochMilli();
    }

    /** Writes the history into a new journal and returns what it leaves. */
    static ExpectedState write(JournalConfig journal, RestartOptions o, BenchCards cards, long nowMillis) {
        try (JournalWriter writer = JournalWriter.open(journal)) {
            HistoryWriter w = new HistoryWriter(o, cards, new JournalMoneyLog(writer), nowMillis);
            w.run();
            w.expected.records = writer.committedSequence();
            w.expected.nowMillis = nowMillis;
            return w.expected;
        }
    }

    private void run() {
        long n = o.records();
        for (long i = 0; i < n; i++) {
            long left = n - i;
            long diff = open - o.openHolds();
            if (diff == 0 && left == 1) {
                reduceLastOpen(i);
            } else if (diff > 0 && diff >= left - 1) {
                closeEarliest(i);
            } else if (diff < 0 && -diff >= left - 1) {
                place(i, Fate.OPEN);
            } else if (earliest().headDue() <= i) {
                closeEarliest(i);
            } else {
                place(i, fate(i));
            }
            if ((i + 1) % BATCH == 0 && !log.commit()) {
                throw new IllegalStateException("journal commit failed at record " + (i + 1));
            }
        }
        if (!log.commit()) {
            throw new IllegalStateException("journal commit failed at the end");
        }
        expected.openCount = open;
        if (open != o.openHolds()) {
            throw new IllegalStateException("history left " + open + " holds open, not " + o.openHolds());
        }
    }

    /** Open in the last 7 days on a schedule that reaches the target at the end; else the next close in turn that fits. */
    private Fate fate(long i) {
        long half = o.records() / 2;
        if (i >= half && openFated < o.openHolds()
                && openFated < (double) o.openHolds() * (i - half + 1) / (o.records() - half)) {
            return Fate.OPEN;
        }
        Fate fate = Fate.values()[cycle++ % 3];
        if (fate == Fate.EXPIRE && i + expireDelay >= o.records()) {
            fate = Fate.CAPTURE;
        }
        if (fate == Fate.CAPTURE && i + captureDelay >= o.records()) {
            fate = Fate.VOID;
        }
        return fate == Fate.VOID && i + voidDelay >= o.records() && openFated < o.openHolds() ? Fate.OPEN : fate;
    }

    private HoldQueue earliest() {
        HoldQueue q = voids.headDue() <= captures.headDue() ? voids : captures;
        return expiries.headDue() < q.headDue() ? expiries : q;
    }

    private void place(long i, Fate fate) {
        long h = nextHoldId++;
        int card = card(h);
        long amount = amount(h);
        describe(h, i);
        e.kind = HoldEvent.Kind.PLACED;
        e.amount = amount;
        e.stan = (int) (h % 1_000_000);
        AuthCodes.write(h, e.authCode, 0);
        byte[] rrn = String.format("%012d", h).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(rrn, 0, e.rrn, 0, rrn.length);
        e.rrnLength = rrn.length;
        identify(card);
        log.record(e);
        open++;
        expected.openHolds[cards.account[card]] += amount;
        switch (fate) {
            case VOID -> voids.add(h, i + voidDelay);
            case CAPTURE -> captures.add(h, i + captureDelay);
            case EXPIRE -> expiries.add(h, i + expireDelay);
            case OPEN -> {
                openFated++;
                lastOpenHold = h;
            }
        }
    }

    private void closeEarliest(long i) {
        HoldQueue q = earliest();
        long h = q.pop();
        int card = card(h);
        long amount = amount(h);
        describe(h, i);
        if (q == captures) {
            long cleared = h % 4 == 0 ? amount - amount / 10 : amount;
            e.kind = HoldEvent.Kind.CAPTURED;
            e.amount = cleared;
            e.released = amount - cleared;
            e.postingId = 1_000_000_000_000L + h;
            identify(card);
            expected.owed[cards.account[card]] += cleared;
        } else {
            e.kind = q == voids ? HoldEvent.Kind.VOIDED : HoldEvent.Kind.EXPIRED;
            e.amount = 0;
            e.released = amount;
        }
        log.record(e);
        open--;
        expected.openHolds[cards.account[card]] -= amount;
    }

    /** A partial reversal of 1 yen on the newest hold that stays open: a record that leaves the count as it is. */
    private void reduceLastOpen(long i) {
        if (lastOpenHold == 0) {
            throw new IllegalStateException("no open hold to reduce");
        }
        long h = lastOpenHold;
        int card = card(h);
        describe(h, i);
        e.kind = HoldEvent.Kind.REDUCED;
        e.amount = amount(h) - 1;
        e.released = 1;
        log.record(e);
        expected.openHolds[cards.account[card]] -= 1;
    }

    /** What every event of hold {@code h} carries (as TxnTable.describe gives it), at record {@code i}'s time. */
    private void describe(long h, long i) {
        int card = card(h);
        e.clear();
        e.holdId = h;
        e.accountIndex = cards.account[card];
        e.timeMillis = startMillis + (long) (i * millisPerRecord);
        e.keyA = TxnTable.keyA(1_000_000_000L + h / 1_000_000, (int) (h % 1_000_000));
        e.keyB = TxnTable.keyB(123_456, 100);
        e.panHi = cards.panHi[card];
        e.panLo = cards.panLo[card];
        e.amountAndCode = amount(h) << 16 | 392;
        e.merchantHash = h * 0x9E3779B97F4A7C15L;
        e.authCounter = h;
    }

    private void identify(int card) {
        e.plan = 1;
        e.accountIdLength = copy(cards.accountIds[card], e.accountId);
        e.maskedPanLength = copy(cards.masked[card], e.maskedPan);
    }

    private static int copy(String ascii, byte[] to) {
        int n = Math.min(ascii.length(), to.length);
        for (int k = 0; k < n; k++) {
            to[k] = (byte) ascii.charAt(k);
        }
        return n;
    }

    private int card(long h) {
        return (int) Long.remainderUnsigned(h * 0x9E3779B97F4A7C15L, o.cards());
    }

    private static long amount(long h) {
        return 100 + (h * 7_919) % 4_900; // 100 to 4,999 yen: the open holds stay within the cards' limits
    }
}
