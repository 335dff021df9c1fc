package io.tatekae.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Reads the {@code policy} section; each list item is checked, and a bad item names its list. */
final class PolicyReader {
    private static final long MAX_AMOUNT_YEN = 999_999_999_999L;
    private static final Pattern MCC = Pattern.compile("[0-9]{1,4}");
    private static final Pattern TWO_DIGITS = Pattern.compile("[0-9]{2}");
    private static final Pattern THREE_DIGITS = Pattern.compile("[0-9]{3}");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Z]{2}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]+");

    private PolicyReader() {
    }

    static PolicyConfig read(YamlSection s) {
        PolicyConfig d = PolicyConfig.defaults();
        return new PolicyConfig(
                timezone(s, d.timezone()),
                s.has("blockedMccs") ? mccTable(s.section("blockedMccs")) : d.blockedMccs(),
                texts(s, "blockedMerchantIds", d.blockedMerchantIds(), 15, String::strip),
                texts(s, "blockedNamePatterns", d.blockedNamePatterns(), 40, p -> p.strip().toUpperCase(Locale.ROOT)),
                mccs(s, "subscriptionMccs", d.subscriptionMccs()),
                codes(s, "cardPresentEntryModes", d.cardPresentEntryModes(), TWO_DIGITS, "two digits"),
                codes(s, "cav2RequiredEntryModes", d.cav2RequiredEntryModes(), TWO_DIGITS, "two digits"),
                s.number("threeDsThresholdYen", d.threeDsThresholdYen(), 0, MAX_AMOUNT_YEN),
                codes(s, "threeDsAcceptedEci", d.threeDsAcceptedEci(), TWO_DIGITS, "two digits"),
                s.number("perTransactionLimitYen", d.perTransactionLimitYen(), 1, MAX_AMOUNT_YEN),
                s.number("velocityMaxApprovals", d.velocityMaxApprovals(), 1, 32),
                s.number("velocityWindowHours", d.velocityWindowHours(), 1, 168),
                code(s, "homeCountryNumeric", d.homeCountryNumeric(), THREE_DIGITS, "an ISO 3166 numeric code (3 digits)"),
                code(s, "homeCountryAlpha", d.homeCountryAlpha(), TWO_LETTERS, "an ISO 3166 alpha-2 code (2 upper-case letters)"),
                code(s, "currency", d.currency(), THREE_DIGITS, "an ISO 4217 numeric code (3 digits)"));
    }

    private static ZoneId timezone(YamlSection s, ZoneId defaultZone) {
        String name = s.text("timezone");
        if (name == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException unknown) {
            s.problem("timezone", YamlSection.show(name) + " is not a time zone (such as Asia/Tokyo)");
            return defaultZone;
        }
    }

    private static Map<String, List<Integer>> mccTable(YamlSection table) {
        Map<String, List<Integer>> categories = new LinkedHashMap<>();
        for (String category : table.userKeys()) {
            categories.put(category, mccs(table, category, List.of()));
        }
        return categories;
    }

    private static List<Integer> mccs(YamlSection s, String key, List<Integer> defaultValue) {
        List<String> items = s.textList(key, null);
        if (items == null) {
            return defaultValue;
        }
        List<Integer> mccs = new ArrayList<>(items.size());
        for (String item : items) {
            if (!MCC.matcher(item).matches()) {
                s.problem(key, YamlSection.show(item) + " is not a merchant category code (4 digits, 0000..9999)");
                return defaultValue;
            }
            mccs.add(Integer.parseInt(item));
        }
        return mccs;
    }

    private static List<String> codes(YamlSection s, String key, List<String> defaultValue, Pattern form, String formName) {
        List<String> items = s.textList(key, null);
        if (items == null) {
            return defaultValue;
        }
        for (String item : items) {
            if (!form.matcher(item).matches()) {
                s.problem(key, YamlSection.show(item) + " is not " + formName + " (write it in quotes, e.g. \"05\")");
                return defaultValue;
            }
        }
        return items;
    }

    private static List<String> texts(YamlSection s, String key, List<String> defaultValue, int maxLength,
            UnaryOperator<String> normalize) {
        List<String> items = s.textList(key, null);
        if (items == null) {
            return defaultValue;
        }
        List<String> normalized = new ArrayList<>(items.size());
        for (String item : items) {
            String value = normalize.apply(item);
            if (value.isEmpty() || value.length() > maxLength || !PRINTABLE_ASCII.matcher(value).matches()) {
                s.problem(key, YamlSection.show(item) + " must be 1 to " + maxLength + " printable ASCII characters");
                return defaultValue;
            }
            normalized.add(value);
        }
        return normalized;
    }

    private static String code(YamlSection s, String key, String defaultValue, Pattern form, String formName) {
        String value = s.text(key, defaultValue);
        if (!form.matcher(value).matches()) {
            s.problem(key, YamlSection.show(value) + " is not " + formName);
            return defaultValue;
        }
        return value;
    }
}
