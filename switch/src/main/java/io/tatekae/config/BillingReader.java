package io.tatekae.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the {@code billing} and {@code issuance} sections; every number is range-checked, the ladder as a whole. */
final class BillingReader {
    /** Card limits as provisioning accepts them (CardState.MIN_LIMIT..MAX_LIMIT). */
    static final long MIN_CARD_LIMIT = 3_000;
    static final long MAX_CARD_LIMIT = 50_000;
    static final long MAX_ACCOUNT_LIMIT = 10_000_000;
    private static final int MAX_RUNGS = 20;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{4,12}");
    /** Random digits an issued PAN must have at least (a million PANs per BIN range). */
    static final int MIN_RANDOM_DIGITS = 6;

    private BillingReader() {
    }

    static BillingConfig billing(YamlSection s) {
        BillingConfig d = BillingConfig.defaults();
        long billingFee = s.number("billingFeeYen", d.billingFeeYen(), 0, 100_000);
        long planFee = s.number("planFeeYen", d.planFeeYen(), 0, 100_000);
        int dueDay = s.number("dueDay", d.dueDay(), 1, 28);
        long limit = s.number("creditLimitYen", d.creditLimitYen(), 1, MAX_ACCOUNT_LIMIT);
        long ddLimit = s.number("directDebitCreditLimitYen", d.directDebitCreditLimitYen(), 1, MAX_ACCOUNT_LIMIT);
        if (ddLimit < limit) {
            s.problem("directDebitCreditLimitYen", ddLimit + " is below " + s.pathOf("creditLimitYen") + " (" + limit
                    + "): registering direct debit must not lower the limit");
        }
        return new BillingConfig(billingFee, planFee, dueDay, limit, ddLimit, ladder(s, d.cardLimitLadder()));
    }

    private static List<Long> ladder(YamlSection s, List<Long> defaultLadder) {
        List<String> items = s.textList("cardLimitLadder", null);
        if (items == null) {
            return defaultLadder;
        }
        if (items.isEmpty() || items.size() > MAX_RUNGS) {
            s.problem("cardLimitLadder", "must list 1 to " + MAX_RUNGS + " card limits, got " + items.size());
            return defaultLadder;
        }
        List<Long> rungs = new ArrayList<>(items.size());
        for (String item : items) {
            long value;
            try {
                value = Long.parseLong(item.strip());
            } catch (NumberFormatException e) {
                s.problem("cardLimitLadder", YamlSection.show(item) + " is not a whole number of yen");
                return defaultLadder;
            }
            if (value < MIN_CARD_LIMIT || value > MAX_CARD_LIMIT) {
                s.problem("cardLimitLadder", value + " is out of range (card limits are " + MIN_CARD_LIMIT + ".." + MAX_CARD_LIMIT + ")");
                return defaultLadder;
            }
            if (!rungs.isEmpty() && value <= rungs.getLast()) {
                s.problem("cardLimitLadder", "must climb: " + value + " follows " + rungs.getLast());
                return defaultLadder;
            }
            rungs.add(value);
        }
        return rungs;
    }

    static IssuanceConfig issuance(YamlSection s) {
        IssuanceConfig d = IssuanceConfig.defaults();
        String bin = s.text("bin", d.bin());
        if (!DIGITS.matcher(bin).matches()) {
            s.problem("bin", YamlSection.show(bin) + " is not 4 to 12 digits (write it in quotes, e.g. \"354099\")");
            bin = d.bin();
        }
        int panLength = s.number("panLength", d.panLength(), 13, 19);
        if (panLength - bin.length() - 1 < MIN_RANDOM_DIGITS) {
            s.problem("panLength", panLength + " leaves fewer than " + MIN_RANDOM_DIGITS + " random digits after the "
                    + bin.length() + "-digit " + s.pathOf("bin") + " and the check digit");
        }
        int years = s.number("expiryYears", d.expiryYears(), 1, 10);
        int statements = s.number("minStatements", d.minStatements(), 0, 120);
        int purchases = s.number("minPurchases", d.minPurchases(), 0, 10_000);
        long purchaseYen = s.number("minPurchaseYen", d.minPurchaseYen(), 0, 100_000_000);
        return new IssuanceConfig(bin, panLength, years, statements, purchases, purchaseYen);
    }
}
