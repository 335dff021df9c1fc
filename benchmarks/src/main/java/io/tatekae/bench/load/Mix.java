package io.tatekae.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The share of each kind of request, as a repeating, evenly shuffled pattern (deterministic). */
final class Mix {
    enum Kind { APPROVAL, DECLINE, BALANCE, REVERSAL, REVERSAL_ADVICE, ADVICE }

    static final String DEFAULT = "approval=55,decline=20,balance=10,reversal=8,reversalAdvice=2,advice=5";
    private static final int MAX_WEIGHT_SUM = 10_000;

    private final Kind[] pattern;
    final Map<Kind, Integer> weights;

    private Mix(Kind[] pattern, Map<Kind, Integer> weights) {
        this.pattern = pattern;
        this.weights = weights;
    }

    /** Parses "approval=55,decline=20,..." (kinds: approval, decline, balance, reversal, reversalAdvice, advice). */
    static Mix parse(String text) {
        Map<Kind, Integer> weights = new EnumMap<>(Kind.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix: \"" + part + "\" is not kind=weight");
            }
            Kind kind = switch (kv[0].trim()) {
                case "approval" -> Kind.APPROVAL;
                case "decline" -> Kind.DECLINE;
                case "balance" -> Kind.BALANCE;
                case "reversal" -> Kind.REVERSAL;
                case "reversalAdvice" -> Kind.REVERSAL_ADVICE;
                case "advice" -> Kind.ADVICE;
                default -> throw new IllegalArgumentException("--mix: unknown kind \"" + kv[0].trim()
                        + "\" (approval, decline, balance, reversal, reversalAdvice, advice)");
            };
            int w;
            try {
                w = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: weight of " + kv[0].trim() + " is not a whole number");
            }
            if (w < 0 || w > MAX_WEIGHT_SUM) {
                throw new IllegalArgumentException("--mix: weight of " + kv[0].trim() + " must be 0.." + MAX_WEIGHT_SUM);
            }
            weights.put(kind, w);
        }
        List<Kind> slots = new ArrayList<>();
        weights.forEach((k, w) -> {
            for (int i = 0; i < w; i++) {
                slots.add(k);
            }
        });
        if (slots.isEmpty() || slots.size() > MAX_WEIGHT_SUM) {
            throw new IllegalArgumentException("--mix: weights must add up to 1.." + MAX_WEIGHT_SUM);
        }
        Collections.shuffle(slots, new Random(8583));
        return new Mix(slots.toArray(Kind[]::new), weights);
    }

    Kind kindOf(long request) {
        return pattern[(int) (request % pattern.length)];
    }

    /** Fraction of requests that use up one approval of a card's velocity allowance. */
    double approvalShare() {
        int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
        return (weights.getOrDefault(Kind.APPROVAL, 0) + weights.getOrDefault(Kind.ADVICE, 0)) / (double) sum;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        weights.forEach((k, w) -> s.append(s.isEmpty() ? "" : ",").append(k.name().toLowerCase()).append('=').append(w));
        return s.toString();
    }
}
