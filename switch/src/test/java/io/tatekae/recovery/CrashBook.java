package io.tatekae.recovery;

import org.jpos.iso.ISOMsg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the crash test's client sent and what it was answered, keyed by the purchase's RRN (DE 37,
 * unique per purchase). A request without an answer is one whose response the kill took: the switch
 * may or may not have acted on it. Thread-safe: a sender and a reader thread use it.
 */
final class CrashBook {
    /** A purchase (0100) and, once answered, its DE 39 and DE 38. */
    static final class Purchase {
        final ISOMsg request;
        final CrashCards.Card card;
        final long amount;
        String de39;
        String de38;
        Reversal reversal;

        Purchase(ISOMsg request, CrashCards.Card card, long amount) {
            this.request = request;
            this.card = card;
            this.amount = amount;
        }

        boolean answered() {
            return de39 != null;
        }

        boolean approved() {
            return "00".equals(de39);
        }

        String rrn() {
            return request.getString(37);
        }
    }

    /** A full reversal (0400) of an approval the client saw, and its answer once it came. */
    static final class Reversal {
        final ISOMsg request;
        final Purchase original;
        String de39;

        Reversal(ISOMsg request, Purchase original) {
            this.request = request;
            this.original = original;
        }

        boolean answered() {
            return de39 != null;
        }
    }

    private final Map<String, Purchase> purchases = new LinkedHashMap<>();
    private final List<Reversal> reversals = new ArrayList<>();
    /** Approvals seen and not yet reversed: candidates for the next reversal. */
    private final List<Purchase> reversible = new ArrayList<>();

    synchronized Purchase purchaseSent(ISOMsg request, CrashCards.Card card, long amount) {
        Purchase p = new Purchase(request, card, amount);
        purchases.put(p.rrn(), p);
        return p;
    }

    synchronized void purchaseAnswered(Purchase p, ISOMsg response) {
        if (p.answered()) {
            throw new AssertionError("purchase " + p.rrn() + " answered twice");
        }
        p.de39 = response.getString(39);
        p.de38 = response.getString(38);
        if (p.approved() && p.reversal == null) {
            reversible.add(p);
        }
    }

    /** Picks a seen approval to reverse (no reversal sent for it yet), or null. */
    synchronized Purchase takeReversible(Random random) {
        if (reversible.isEmpty()) {
            return null;
        }
        int i = random.nextInt(reversible.size());
        Purchase p = reversible.get(i);
        reversible.set(i, reversible.getLast());
        reversible.removeLast();
        return p;
    }

    synchronized Reversal reversalSent(ISOMsg request, Purchase original) {
        Reversal r = new Reversal(request, original);
        original.reversal = r;
        reversals.add(r);
        return r;
    }

    synchronized void reversalAnswered(Reversal r, ISOMsg response) {
        if (r.answered()) {
            throw new AssertionError("reversal of " + r.original.rrn() + " answered twice");
        }
        r.de39 = response.getString(39);
    }

    synchronized List<Purchase> purchases() {
        return List.copyOf(purchases.values());
    }

    synchronized List<Reversal> reversals() {
        return List.copyOf(reversals);
    }

    synchronized Purchase purchase(String rrn) {
        return purchases.get(rrn);
    }
}
