package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds request number i of the mix with a known answer. Approvals, advices, balance inquiries and
 * the declines that need no special card take the next card of the {@link CardCycle}; the other
 * declines use the pool's frozen, delinquent, expired, low-credit and velocity cards or an unknown
 * PAN; reversals name the oldest approval or advice already answered {@code 00}; a reversal that times
 * out or is shed puts its original back among the holds of unknown outcome, for the settle step.
 * Builds on the sender thread only; allocates nothing per request.
 */
final class Workload implements RequestSource {
    private static final int OK = FrameCodec.code("00");

    private final Mix mix;
    private final CardCycle cycle;
    private final OpenHolds holds;
    private final RequestTemplates templates;
    private final List<Decline> declines = new ArrayList<>();
    private final Map<Decline, FrameCodec.Template> specialCards = new EnumMap<>(Decline.class);
    private final FrameCodec.Template velocityApproval;
    private long declinesIssued;
    long substitutedReversals;
    // The original each pending reversal names, by request number modulo the pending table's size.
    private final boolean[] reversal = new boolean[PendingTable.STANS];
    private final int[] originalStan = new int[PendingTable.STANS];
    private final long[] originalDe7 = new long[PendingTable.STANS];
    private final int[] originalCard = new int[PendingTable.STANS];
    private final short[] originalMti = new short[PendingTable.STANS];

    /**
     * @param templates over the pool's approving cards
     * @param cycle     over the pool's approving cards but the last, which is the velocity card
     */
    Workload(FrameCodec codec, CardPool pool, RequestTemplates templates, Mix mix, CardCycle cycle, OpenHolds holds) {
        this.mix = mix;
        this.cycle = cycle;
        this.holds = holds;
        this.templates = templates;
        LoadCard velocityCard = pool.velocityCard();
        this.velocityApproval = codec.encode("0100", Recipe.purchase(velocityCard, 100));
        for (Decline d : Decline.values()) {
            if (Recipe.of(d) != null) {
                declines.add(d);
                continue;
            }
            LoadCard special = switch (d) {
                case UNKNOWN_CARD -> new LoadCard(CardPool.pan("354099", 999_999_999), "3012", "TARO YAMADA", "000", 0);
                case EXPIRED_CARD -> pool.expired;
                case CARD_NOT_ACTIVE -> pool.notActive;
                case DELINQUENT_ACCOUNT -> pool.delinquent;
                case OVER_CREDIT -> pool.lowCredit;
                case VELOCITY -> velocityCard;
                default -> throw new IllegalStateException("no card for " + d);
            };
            if (special != null) {
                long amount = d == Decline.OVER_CREDIT ? Math.max(1, special.available() + 1) : d == Decline.VELOCITY ? 100 : 500;
                specialCards.put(d, codec.encode("0100", Recipe.purchase(special, amount)));
                declines.add(d);
            }
        }
    }

    /** The declines this pool allows (those needing a special card the file lacks are left out). */
    List<Decline> declines() {
        return declines;
    }

    /** The approval the velocity card is primed with before a session (DE 7 and DE 11 zero). */
    FrameCodec.Template velocityApproval() {
        return velocityApproval;
    }

    @Override
    public int build(long i, long de7, int stan, byte[] out, Built b) {
        reversal[(int) (i % PendingTable.STANS)] = false;
        Mix.Kind k = mix.kindOf(i);
        if ((k == Mix.Kind.REVERSAL || k == Mix.Kind.REVERSAL_ADVICE) && !reversible()) {
            substitutedReversals++;
            k = Mix.Kind.BALANCE;
        }
        b.kind = k;
        b.expectedCode = OK;
        FrameCodec.Template t;
        int length;
        switch (k) {
            case APPROVAL, ADVICE -> {
                Recipe r = k == Mix.Kind.APPROVAL ? Recipe.APPROVAL : Recipe.ADVICE;
                b.card = cycle.nextForApproval();
                b.expectedMti = k == Mix.Kind.APPROVAL ? 110 : 130;
                t = templates.template(r, b.card);
                length = templates.write(r, b.card, out);
            }
            case BALANCE -> {
                b.card = cycle.next();
                b.expectedMti = 110;
                t = templates.template(Recipe.BALANCE, b.card);
                length = templates.write(Recipe.BALANCE, b.card, out);
            }
            case DECLINE -> {
                Decline d = declines.get((int) (declinesIssued++ % declines.size()));
                b.expectedCode = FrameCodec.code(d.code);
                b.expectedMti = d == Decline.REVERSAL_NOT_FOUND ? 410 : 110;
                Recipe r = Recipe.of(d);
                if (r == null) {
                    b.card = -1;
                    t = specialCards.get(d);
                    System.arraycopy(t.frame(), 0, out, 0, t.frame().length);
                    length = t.frame().length;
                } else {
                    b.card = cycle.next();
                    t = templates.template(r, b.card);
                    length = templates.write(r, b.card, out);
                    if (r == Recipe.REVERSAL_NOT_FOUND) {
                        // Names a 0100 that was never sent: its own DE 7 + DE 11, unique in the run.
                        RequestTemplates.original(t, out, 100, stan, de7);
                    }
                }
            }
            case REVERSAL, REVERSAL_ADVICE -> {
                Recipe r = k == Mix.Kind.REVERSAL ? Recipe.REVERSAL : Recipe.REVERSAL_ADVICE;
                holds.dropAnswered();
                b.card = holds.card;
                b.expectedMti = k == Mix.Kind.REVERSAL ? 410 : 430;
                cycle.used(b.card);
                t = templates.template(r, b.card);
                length = templates.write(r, b.card, out);
                RequestTemplates.original(t, out, holds.mti, holds.stan, holds.de7);
                remember(i);
            }
            default -> throw new IllegalStateException(k.toString());
        }
        FrameCodec.writeDigits(out, t.de7Offset(), 10, de7);
        FrameCodec.writeDigits(out, t.de11Offset(), 6, stan);
        return length;
    }

    private void remember(long i) {
        int k = (int) (i % PendingTable.STANS);
        reversal[k] = true;
        originalStan[k] = holds.stan;
        originalDe7[k] = holds.de7;
        originalCard[k] = holds.card;
        originalMti[k] = (short) holds.mti;
    }

    /** A reversal that got no answer, or 91, may not have reversed its original: the settle step sends a 0420 for it. */
    @Override
    public void unanswered(long i) {
        int k = (int) (i % PendingTable.STANS);
        if (reversal[k]) {
            holds.uncertain(originalStan[k], originalDe7[k], originalCard[k], originalMti[k]);
        }
    }

    /** An answered hold to reverse that does not name the card the previous request named. */
    private boolean reversible() {
        return holds.peekAnswered() && holds.card != cycle.last();
    }

    /** Between 100 and 1,099 yen: velocity x 1,099 must fit the cards' credit. */
    static long amountOf(int card) {
        return 100 + (card * 37L) % 1000;
    }

    static long maxAmount() {
        return 1_099;
    }

    /** Thrown when the pool has no approving card left for the next approval. */
    static final class CardsExhaustedException extends RuntimeException {
        CardsExhaustedException(String message) {
            super(message);
        }
    }
}
