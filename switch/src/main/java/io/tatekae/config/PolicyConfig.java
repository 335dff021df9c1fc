package io.tatekae.config;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The issuer policy's numbers and lists (issuer-policy.md). MCCs are numbers 0..9999 (DE 18),
 * entry modes and ECIs two-digit strings, name patterns upper-case (matched case-insensitively).
 *
 * @param blockedMccs category name to its blocked MCCs, in file order
 */
public record PolicyConfig(
        ZoneId timezone,
        Map<String, List<Integer>> blockedMccs,
        List<String> blockedMerchantIds,
        List<String> blockedNamePatterns,
        List<Integer> subscriptionMccs,
        List<String> cardPresentEntryModes,
        List<String> cav2RequiredEntryModes,
        long threeDsThresholdYen,
        List<String> threeDsAcceptedEci,
        long perTransactionLimitYen,
        int velocityMaxApprovals,
        int velocityWindowHours,
        String homeCountryNumeric,
        String homeCountryAlpha,
        String currency) {

    public PolicyConfig {
        LinkedHashMap<String, List<Integer>> copy = new LinkedHashMap<>();
        blockedMccs.forEach((category, mccs) -> copy.put(category, List.copyOf(mccs)));
        blockedMccs = Collections.unmodifiableMap(copy);
        blockedMerchantIds = List.copyOf(blockedMerchantIds);
        blockedNamePatterns = List.copyOf(blockedNamePatterns);
        subscriptionMccs = List.copyOf(subscriptionMccs);
        cardPresentEntryModes = List.copyOf(cardPresentEntryModes);
        cav2RequiredEntryModes = List.copyOf(cav2RequiredEntryModes);
        threeDsAcceptedEci = List.copyOf(threeDsAcceptedEci);
    }

    /** Every blocked MCC of every category. */
    public Set<Integer> allBlockedMccs() {
        TreeSet<Integer> all = new TreeSet<>();
        blockedMccs.values().forEach(all::addAll);
        return Collections.unmodifiableSet(all);
    }

    /** The category that blocks {@code mcc}, or null. */
    public String blockedMccCategory(int mcc) {
        for (Map.Entry<String, List<Integer>> entry : blockedMccs.entrySet()) {
            if (entry.getValue().contains(mcc)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Policy check 10's default table. */
    static Map<String, List<Integer>> defaultBlockedMccs() {
        LinkedHashMap<String, List<Integer>> table = new LinkedHashMap<>();
        table.put("giftCardsPrepaidEmoney", List.of(6540, 6529, 6530));
        table.put("quasiCashMoneyTransferCrypto", List.of(4829, 6010, 6011, 6012, 6050, 6051, 6534));
        table.put("digitalContent", List.of(5815, 5816, 5817, 5818));
        table.put("onlineTickets", List.of(7922));
        table.put("gamblingLotteries", List.of(7800, 7801, 7802, 7995, 9406));
        table.put("securities", List.of(6211));
        return table;
    }

    static final List<String> DEFAULT_NAME_PATTERNS = List.of("GIFT", "PREPAID", "ITUNES", "GOOGLE PLAY");

    public static PolicyConfig defaults() {
        return new PolicyConfig(ZoneId.of("Asia/Tokyo"), defaultBlockedMccs(), List.of(), DEFAULT_NAME_PATTERNS,
                List.of(5968), List.of("05", "07", "90", "91"), List.of("01", "81"), 0L, List.of("05", "06"),
                50_000L, 10, 24, "392", "JP", "392");
    }
}
