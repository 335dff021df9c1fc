package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds request number i of the mix with a known answer. Approvals and advices walk the approving
 * cards in order, each card taking at most {@code velocity} of them, so no approval meets the velocity
 * rule; reversals name an approval already answered {@code 00}. Used by the sender thread only.
 */
final class Workload {
    static final String ACQUIRER = "123456";
    static final long ACQUIRER_ID = 123456L;
    private static final String NAME_TYPED_WRONG = "XAVIER QUINN";

    private final FrameCodec codec;
    private final CardPool pool;
    private final Mix mix;
    private final int velocity;
    private final List<Decline> declines = new ArrayList<>();
    private final Map<Decline, FrameCodec.Template> declineTemplates = new EnumMap<>(Decline.class);
    private final ApprovedRing approved;
    private final LoadCard velocityCard;
    private final int lastApprovalCard;
    private long approvalsIssued;
    private long declinesIssued;
    private int cachedCard = -1;
    private FrameCodec.Template cachedApproval;
    private FrameCodec.Template cachedAdvice;
    private FrameCodec.Template cachedBalance;
    long substitutedReversals;

    // What the last build produced (read by the sender right after build).
    Mix.Kind kind;
    int expectedCode;
    int expectedMti;
    int card;

    Workload(FrameCodec codec, CardPool pool, Mix mix, int velocity, int firstCard, ApprovedRing approved) {
        this.codec = codec;
        this.pool = pool;
        this.mix = mix;
        this.velocity = velocity;
        this.approved = approved;
        int n = pool.approving.size();
        if (n < 3) {
            throw new IllegalArgumentException("the provisioning file needs at least 3 approving cards, has " + n);
        }
        this.velocityCard = pool.approving.get(n - 1);
        this.lastApprovalCard = n - 2;
        this.approvalsIssued = (long) firstCard * velocity;
        for (Decline d : Decline.values()) {
            FrameCodec.Template t = declineTemplate(d);
            if (t != null) {
                declines.add(d);
                declineTemplates.put(d, t);
            }
        }
    }

    /** The declines this pool allows (those needing a special card the file lacks are left out). */
    List<Decline> declines() {
        return declines;
    }

    /** Approvals the velocity card needs before it declines 65. */
    List<FrameCodec.Template> velocityPrimers() {
        List<FrameCodec.Template> list = new ArrayList<>();
        for (int i = 0; i < velocity; i++) {
            list.add(codec.encode("0100", purchase(velocityCard, 100)));
        }
        return list;
    }

    /** The approving card number the next run against the same server should start at. */
    long nextFirstCard() {
        return (approvalsIssued + velocity - 1) / velocity;
    }

    /** Writes request {@code i} into {@code out}; returns its length and sets kind/expected/card. */
    int build(long i, long de7, int stan, byte[] out) {
        Mix.Kind k = mix.kindOf(i);
        if ((k == Mix.Kind.REVERSAL || k == Mix.Kind.REVERSAL_ADVICE) && !approved.poll()) {
            substitutedReversals++;
            k = Mix.Kind.BALANCE;
        }
        kind = k;
        expectedCode = FrameCodec.code("00");
        FrameCodec.Template t = switch (k) {
            case APPROVAL, ADVICE -> {
                int c = nextApprovalCard();
                card = c;
                loadCard(c);
                expectedMti = k == Mix.Kind.APPROVAL ? 110 : 130;
                yield k == Mix.Kind.APPROVAL ? cachedApproval : cachedAdvice;
            }
            case BALANCE -> {
                card = cachedCard < 0 ? 0 : cachedCard;
                loadCard(card);
                expectedMti = 110;
                yield cachedBalance;
            }
            case DECLINE -> {
                Decline d = declines.get((int) (declinesIssued++ % declines.size()));
                expectedCode = FrameCodec.code(d.code);
                expectedMti = d == Decline.REVERSAL_NOT_FOUND ? 410 : 110;
                card = -1;
                yield declineTemplates.get(d);
            }
            case REVERSAL, REVERSAL_ADVICE -> {
                card = approved.card;
                expectedMti = k == Mix.Kind.REVERSAL ? 410 : 430;
                yield reversal(k == Mix.Kind.REVERSAL ? "0400" : "0420", pool.approving.get(card), amountOf(card),
                        approved.stan, approved.de7);
            }
        };
        byte[] f = t.frame();
        System.arraycopy(f, 0, out, 0, f.length);
        FrameCodec.writeDigits(out, t.de7Offset(), 10, de7);
        FrameCodec.writeDigits(out, t.de11Offset(), 6, stan);
        if (k == Mix.Kind.DECLINE && t.de90Offset() >= 0) {
            // A reversal of a 0100 that was never sent: it names its own DE 7 + DE 11, unique in the run.
            FrameCodec.writeDigits(out, t.de90Offset() + 4, 6, stan);
            FrameCodec.writeDigits(out, t.de90Offset() + 10, 10, de7);
        }
        return f.length;
    }

    private int nextApprovalCard() {
        long c = approvalsIssued++ / velocity;
        if (c > lastApprovalCard) {
            throw new CardsExhaustedException("every approving card has had its " + velocity
                    + " approvals: provision more cards (scripts/load cards --count N) or start with a fresh server");
        }
        return (int) c;
    }

    private void loadCard(int c) {
        if (c == cachedCard) {
            return;
        }
        LoadCard lc = pool.approving.get(c);
        cachedCard = c;
        cachedApproval = codec.encode("0100", purchase(lc, amountOf(c)));
        TreeMap<Integer, String> advice = purchase(lc, amountOf(c));
        advice.put(38, "ADV" + String.format("%03d", c % 1000));
        advice.put(39, "00");
        cachedAdvice = codec.encode("0120", advice);
        TreeMap<Integer, String> balance = purchase(lc, 0);
        balance.put(3, "300000");
        cachedBalance = codec.encode("0100", balance);
    }

    /** Between 100 and 1,099 yen: velocity x 1,099 must fit the cards' credit. */
    static long amountOf(int card) {
        return 100 + (card * 37L) % 1000;
    }

    static long maxAmount() {
        return 1_099;
    }

    private FrameCodec.Template declineTemplate(Decline d) {
        LoadCard good = pool.approving.getFirst();
        TreeMap<Integer, String> m = purchase(good, 500);
        switch (d) {
            case UNKNOWN_CARD -> m = purchase(new LoadCard(CardPool.pan("354099", 999_999_999), "3012", "TARO YAMADA", "000", 0), 500);
            case LUHN_FAILURE -> {
                String p = good.pan();
                m.put(2, p.substring(0, p.length() - 1) + (char) ('0' + (p.charAt(p.length() - 1) - '0' + 1) % 10));
            }
            case EXPIRY_MISMATCH -> m.put(14, good.expiry().equals("2901") ? "2902" : "2901");
            case EXPIRED_CARD -> m = pool.expired == null ? null : purchase(pool.expired, 500);
            case CAV2_MISMATCH -> m.put(48, tlv(good.name(), "05", String.format("%03d", (Integer.parseInt(good.cav2()) + 1) % 1000)));
            case CAV2_MISSING -> m.put(48, tlv(good.name(), "05", null));
            case NAME_MISMATCH -> m.put(48, tlv(NAME_TYPED_WRONG, "05", good.cav2()));
            case BLOCKED_MCC -> m.put(18, "6540");
            case BLOCKED_MERCHANT_NAME -> m.put(43, "PREPAID GIFT CARD SHOP   TOKYO        JP");
            case RECURRING -> m.put(61, "0004000000000392");
            case CARD_PRESENT -> m.put(22, "051");
            case FOREIGN_CURRENCY -> m.put(49, "840");
            case FOREIGN_ACQUIRER -> m.put(19, "840");
            case CARD_NOT_ACTIVE -> m = pool.notActive == null ? null : purchase(pool.notActive, 500);
            case DELINQUENT_ACCOUNT -> m = pool.delinquent == null ? null : purchase(pool.delinquent, 500);
            case OVER_CREDIT -> m = pool.lowCredit == null ? null
                    : purchase(pool.lowCredit, Math.max(1, pool.lowCredit.available() + 1));
            case OVER_TRANSACTION_LIMIT -> m.put(4, "60000");
            case NO_3DS -> m.put(48, tlv(good.name(), "07", good.cav2()));
            case ZERO_AMOUNT -> m.put(4, "0");
            case UNSUPPORTED_TYPE -> m.put(3, "010000");
            case VELOCITY -> m = purchase(velocityCard, 100);
            case REVERSAL_NOT_FOUND -> {
                return reversal("0400", good, 500, 0, 0);
            }
        }
        return m == null ? null : codec.encode("0100", m);
    }

    private FrameCodec.Template reversal(String mti, LoadCard c, long amount, int originalStan, long originalDe7) {
        TreeMap<Integer, String> m = new TreeMap<>();
        m.put(2, c.pan());
        m.put(3, "000000");
        m.put(4, Long.toString(amount));
        m.put(7, "0");
        m.put(11, "0");
        m.put(32, ACQUIRER);
        m.put(37, "LOADREVERSAL");
        m.put(42, "MERCHANT0000001");
        m.put(49, "392");
        m.put(90, "0100" + String.format("%06d%010d%011d%011d", originalStan, originalDe7, ACQUIRER_ID, 0));
        return codec.encode(mti, m);
    }

    static TreeMap<Integer, String> purchase(LoadCard c, long amount) {
        TreeMap<Integer, String> m = new TreeMap<>();
        m.put(2, c.pan());
        m.put(3, "000000");
        m.put(4, Long.toString(amount));
        m.put(7, "0");
        m.put(11, "0");
        m.put(14, c.expiry());
        m.put(18, "5732");
        m.put(19, "392");
        m.put(22, "810");
        m.put(25, "59");
        m.put(32, ACQUIRER);
        m.put(37, "LOADTEST0001");
        m.put(41, "TERM0001");
        m.put(42, "MERCHANT0000001");
        m.put(43, "TATEKAE DENKI ONLINE     TOKYO        JP");
        m.put(48, tlv(c.name(), "05", c.cav2()));
        m.put(49, "392");
        m.put(61, "0005000000000392");
        return m;
    }

    private static String tlv(String name, String eci, String cav2) {
        StringBuilder s = new StringBuilder();
        if (name != null && !name.isEmpty()) {
            s.append("01").append(String.format("%02d", name.length())).append(name);
        }
        s.append("4202").append(eci);
        if (cav2 != null) {
            s.append("9203").append(cav2);
        }
        return s.toString();
    }

    /** Thrown when the pool has no approving card left for the next approval. */
    static final class CardsExhaustedException extends RuntimeException {
        CardsExhaustedException(String message) {
            super(message);
        }
    }
}
