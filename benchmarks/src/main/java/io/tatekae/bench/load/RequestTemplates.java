package io.tatekae.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Recipe} on any approving card without encoding anything per request: one template
 * per recipe and card shape (PAN length, name length: what moves the fields behind them), copied and
 * patched with the card's PAN, expiry, amount, name and CAV2. Allocates nothing after construction.
 */
final class RequestTemplates {
    /** A template and where the card's name and CAV2 digits sit in it (-1: not there). */
    private record Shaped(FrameCodec.Template template, int nameAt, int cav2At) {
    }

    private final List<LoadCard> cards;
    private final int[] shapeOf;
    private final Shaped[][] shapes;

    RequestTemplates(FrameCodec codec, List<LoadCard> cards) {
        this.cards = cards;
        this.shapeOf = new int[cards.size()];
        Map<Long, Integer> index = new HashMap<>();
        Map<Integer, Shaped[]> built = new HashMap<>();
        for (int c = 0; c < cards.size(); c++) {
            LoadCard card = cards.get(c);
            long key = (long) card.pan().length() << 32 | card.name().length();
            Integer shape = index.get(key);
            if (shape == null) {
                shape = index.size();
                index.put(key, shape);
                built.put(shape, build(codec, card, c));
            }
            shapeOf[c] = shape;
        }
        shapes = new Shaped[index.size()][];
        built.forEach((shape, templates) -> shapes[shape] = templates);
    }

    private static Shaped[] build(FrameCodec codec, LoadCard card, int index) {
        Shaped[] out = new Shaped[Recipe.values().length];
        for (Recipe r : Recipe.values()) {
            FrameCodec.Template t = codec.encode(r.mti, r.fields(card, index, "0100"));
            int nameAt = -1;
            int cav2At = -1;
            if (!r.reversal()) {
                Recipe.Tlv tlv = r.tlvOf(card);
                int de48 = t.offset(48);
                nameAt = r.cardName() && tlv.nameAt() >= 0 ? de48 + tlv.nameAt() : -1;
                cav2At = r.hasCav2() ? de48 + tlv.cav2At() : -1;
            }
            out[r.ordinal()] = new Shaped(t, nameAt, cav2At);
        }
        return out;
    }

    /** The template {@link #write} copies for {@code r} on card {@code c} (for its DE 7, 11 and 90 offsets). */
    FrameCodec.Template template(Recipe r, int c) {
        return shapes[shapeOf[c]][r.ordinal()].template();
    }

    /** Writes {@code r} on approving card {@code c} into {@code out} (DE 7, 11, 90 left zero); returns its length. */
    int write(Recipe r, int c, byte[] out) {
        Shaped s = shapes[shapeOf[c]][r.ordinal()];
        FrameCodec.Template t = s.template();
        byte[] f = t.frame();
        System.arraycopy(f, 0, out, 0, f.length);
        LoadCard card = cards.get(c);
        String pan = card.pan();
        int at = t.offset(2);
        ascii(pan, out, at);
        if (r == Recipe.LUHN_FAILURE) {
            out[at + pan.length() - 1] = (byte) Recipe.brokenDigit(pan.charAt(pan.length() - 1));
        }
        if (r.cardAmount()) {
            FrameCodec.writeDigits(out, t.offset(4), 12, Workload.amountOf(c));
        }
        if (t.offset(14) >= 0) {
            ascii(r == Recipe.EXPIRY_MISMATCH ? Recipe.otherExpiry(card.expiry()) : card.expiry(), out, t.offset(14));
        }
        if (s.nameAt() >= 0) {
            ascii(card.name(), out, s.nameAt());
        }
        if (s.cav2At() >= 0) {
            if (r == Recipe.CAV2_MISMATCH) {
                FrameCodec.writeDigits(out, s.cav2At(), 3, Recipe.otherCav2(card.cav2()));
            } else {
                ascii(card.cav2(), out, s.cav2At());
            }
        }
        if (r == Recipe.ADVICE) {
            FrameCodec.writeDigits(out, t.offset(38) + 3, 3, c % 1000);
        }
        return f.length;
    }

    /** Points DE 90 of a reversal written by {@link #write} at its original. */
    static void original(FrameCodec.Template t, byte[] out, int originalMti, int originalStan, long originalDe7) {
        int at = t.de90Offset();
        FrameCodec.writeDigits(out, at, 4, originalMti);
        FrameCodec.writeDigits(out, at + 4, 6, originalStan);
        FrameCodec.writeDigits(out, at + 10, 10, originalDe7);
    }

    /** The text's characters as the codec writes them (US-ASCII, '?' for anything else). */
    private static void ascii(String s, byte[] out, int at) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out[at + i] = (byte) (ch < 128 ? ch : '?');
        }
    }
}
