package io.tatekae.billing;

import io.tatekae.engine.LongSink;
import io.tatekae.engine.LongSource;

import java.nio.charset.StandardCharsets;

/**
 * Billing's state as a stream of longs, for the snapshots of the replayed state: what
 * {@link BillingState} holds is written and read back in one fixed order, so a start from a snapshot
 * plus the journal after it builds the same state as a replay of the whole journal. Text (account ids,
 * masked PANs, names, causes) is written as its length and its bytes packed eight to a long.
 */
final class BillingSnapshot {
    /** Bump on any change of the layout below; a snapshot of another format is refused. */
    static final long FORMAT = 1;
    static final int STATEMENT_LONGS = 11;

    private BillingSnapshot() {
    }

    static void putText(LongSink out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.put(bytes.length);
        for (int i = 0; i < bytes.length; i += 8) {
            long packed = 0;
            for (int j = 0; j < 8 && i + j < bytes.length; j++) {
                packed |= (bytes[i + j] & 0xFFL) << (8 * j);
            }
            out.put(packed);
        }
    }

    static String text(LongSource in) {
        int length = Math.toIntExact(in.next());
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += 8) {
            long packed = in.next();
            for (int j = 0; j < 8 && i + j < length; j++) {
                bytes[i + j] = (byte) (packed >>> (8 * j));
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static void putLongs(LongSink out, long[] values) {
        out.put(values.length);
        for (long v : values) {
            out.put(v);
        }
    }

    static long[] longs(LongSource in) {
        long[] values = new long[Math.toIntExact(in.next())];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.next();
        }
        return values;
    }

    static void putBook(LongSink out, AccountBook b) {
        out.put(b.openMonth);
        out.put(b.purchases);
        out.put(b.refunds);
        out.put(b.pointsPending);
        out.put(b.billedBalance);
        out.put(b.purchaseCount);
        out.put(b.purchaseYen);
        out.put(b.refundYen);
        out.put(b.delinquent ? 1 : 0);
        out.put(b.delinquencyMonth);
        putLongs(out, b.dropped);
        out.put(b.olderStatements);
        out.put(b.olderLate);
        out.put(b.statements.size());
        for (Statement s : b.statements) {
            putStatement(out, s);
        }
        putLongs(out, b.points.entries());
        out.put(b.changes.size());
        for (Change c : b.changes) {
            out.put(c.atMillis());
            putText(out, c.what());
            out.put(c.from());
            out.put(c.to());
            out.put(c.cause().code());
            putText(out, c.reference());
        }
    }

    static AccountBook book(LongSource in) {
        AccountBook b = new AccountBook(Math.toIntExact(in.next()));
        b.purchases = in.next();
        b.refunds = in.next();
        b.pointsPending = in.next();
        b.billedBalance = in.next();
        b.purchaseCount = Math.toIntExact(in.next());
        b.purchaseYen = in.next();
        b.refundYen = in.next();
        b.delinquent = in.next() == 1;
        b.delinquencyMonth = Math.toIntExact(in.next());
        b.dropped = longs(in);
        b.olderStatements = Math.toIntExact(in.next());
        b.olderLate = Math.toIntExact(in.next());
        long statements = in.next();
        for (long i = 0; i < statements; i++) {
            b.statements.add(statement(in));
        }
        b.points = Points.of(longs(in));
        long changes = in.next();
        for (long i = 0; i < changes; i++) {
            long at = in.next();
            String what = text(in);
            long from = in.next();
            long to = in.next();
            Cause cause = Cause.of(Math.toIntExact(in.next()));
            b.changes.addLast(new Change(at, what, from, to, cause, text(in)));
        }
        return b;
    }

    private static void putStatement(LongSink out, Statement s) {
        out.put(s.month());
        out.put(s.dueDate());
        out.put(s.dueEnd());
        out.put(s.carriedOver());
        out.put(s.purchases());
        out.put(s.refunds());
        out.put(s.planFee());
        out.put(s.billingFee());
        out.put(s.pointsUsed());
        out.put(s.amountDue());
        out.put(s.closedAt());
        out.put(s.remaining());
        out.put(s.coveredOnTime());
    }

    private static Statement statement(LongSource in) {
        Statement s = new Statement(Math.toIntExact(in.next()), Math.toIntExact(in.next()), in.next(), in.next(), in.next(),
                in.next(), in.next(), in.next(), in.next(), in.next(), in.next());
        s.restoreProgress(in.next(), in.next());
        return s;
    }

    static void putEvent(LongSink out, BillingEvent e) {
        out.put(e.kind.ordinal());
        out.put(e.accountIndex);
        putText(out, e.accountId);
        out.put(e.timeMillis);
        out.put(e.amount);
        out.put(e.previous);
        for (long x : e.x) {
            out.put(x);
        }
        out.put(e.n1);
        out.put(e.n2);
        out.put(e.panHi);
        out.put(e.panLo);
        putText(out, e.maskedPan);
        putText(out, e.text);
    }

    static BillingEvent event(LongSource in) {
        BillingEvent e = new BillingEvent().clear();
        e.kind = BillingEvent.Kind.values()[Math.toIntExact(in.next())];
        e.accountIndex = Math.toIntExact(in.next());
        e.accountId = text(in);
        e.timeMillis = in.next();
        e.amount = in.next();
        e.previous = in.next();
        for (int i = 0; i < BillingEvent.X_COUNT; i++) {
            e.x[i] = in.next();
        }
        e.n1 = Math.toIntExact(in.next());
        e.n2 = Math.toIntExact(in.next());
        e.panHi = in.next();
        e.panLo = in.next();
        e.maskedPan = text(in);
        e.text = text(in);
        return e;
    }
}
