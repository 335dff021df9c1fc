package io.tatekae.engine;

import io.tatekae.state.VelocityRing;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The issuer policy's lists and thresholds in the shapes the decision thread reads without
 * allocating: lookup tables indexed by code, byte patterns. Built once at start from configuration.
 */
public final class PolicySettings {
    final boolean[] blockedMcc = new boolean[10_000];
    final boolean[] subscriptionMcc = new boolean[10_000];
    final boolean[] cardPresentEntryMode = new boolean[100];
    final boolean[] cav2RequiredEntryMode = new boolean[100];
    final boolean[] acceptedEci = new boolean[100];
    final byte[][] blockedMerchantIds;
    final byte[][] blockedNamePatterns;
    final long threeDsThresholdYen;
    final long perTransactionLimitYen;
    final int velocityMaxApprovals;

    /** Check 14's maximum of approved purchases per card in the window (also how many the card table keeps). */
    public int velocityMaxApprovals() {
        return velocityMaxApprovals;
    }
    final long velocityWindowMillis;

    /** Check 14's rolling window. */
    public long velocityWindowMillis() {
        return velocityWindowMillis;
    }
    final int homeCountryNumeric;
    final int homeCountryAlpha;
    final int currency;
    final ZoneId zone;
    final long holdLifetimeMillis;

    private PolicySettings(Builder b) {
        b.blockedMccs.forEach(m -> blockedMcc[checkCode(m, 9999, "blocked MCC")] = true);
        b.subscriptionMccs.forEach(m -> subscriptionMcc[checkCode(m, 9999, "subscription MCC")] = true);
        b.cardPresentEntryModes.forEach(m -> cardPresentEntryMode[checkCode(m, 99, "card-present entry mode")] = true);
        b.cav2RequiredEntryModes.forEach(m -> cav2RequiredEntryMode[checkCode(m, 99, "CAV2-required entry mode")] = true);
        b.acceptedEcis.forEach(m -> acceptedEci[checkCode(m, 99, "accepted ECI")] = true);
        blockedMerchantIds = b.blockedMerchantIds.stream().map(PolicySettings::merchantId).toArray(byte[][]::new);
        blockedNamePatterns = b.blockedNamePatterns.stream().map(PolicySettings::namePattern).toArray(byte[][]::new);
        threeDsThresholdYen = b.threeDsThresholdYen;
        perTransactionLimitYen = b.perTransactionLimitYen;
        velocityMaxApprovals = b.velocityMaxApprovals;
        velocityWindowMillis = b.velocityWindowHours * 3_600_000L;
        homeCountryNumeric = b.homeCountryNumeric;
        homeCountryAlpha = b.homeCountryAlpha.charAt(0) << 8 | b.homeCountryAlpha.charAt(1);
        currency = b.currency;
        zone = b.zone;
        holdLifetimeMillis = b.holdLifetimeDays * 86_400_000L;
        if (velocityMaxApprovals < 1 || velocityMaxApprovals > VelocityRing.CAPACITY) {
            throw new IllegalArgumentException("velocityMaxApprovals must be 1.." + VelocityRing.CAPACITY);
        }
    }

    private static int checkCode(int code, int max, String what) {
        if (code < 0 || code > max) {
            throw new IllegalArgumentException(what + " " + code + " is outside 0.." + max);
        }
        return code;
    }

    /** A DE 43 name pattern, upper case; an empty one would block every merchant. */
    private static byte[] namePattern(String pattern) {
        byte[] upper = pattern.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (upper.length == 0) {
            throw new IllegalArgumentException("blocked name pattern must not be empty: '" + pattern + "'");
        }
        return upper;
    }

    /** DE 42 is ans15, space-filled: a configured ID is compared after the same padding. */
    private static byte[] merchantId(String id) {
        byte[] padded = new byte[15];
        Arrays.fill(padded, (byte) ' ');
        byte[] raw = id.getBytes(StandardCharsets.US_ASCII);
        if (raw.length == 0 || raw.length > 15) {
            throw new IllegalArgumentException("blocked merchant ID must be 1..15 characters: '" + id + "'");
        }
        System.arraycopy(raw, 0, padded, 0, raw.length);
        return padded;
    }

    public long holdLifetimeMillis() {
        return holdLifetimeMillis;
    }

    public ZoneId zone() {
        return zone;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults are issuer-policy.md's. */
    public static final class Builder {
        private Collection<Integer> blockedMccs = List.of(6540, 6529, 6530, 4829, 6010, 6011, 6012, 6050, 6051, 6534,
                5815, 5816, 5817, 5818, 7922, 7800, 7801, 7802, 7995, 9406, 6211);
        private Collection<Integer> subscriptionMccs = List.of(5968);
        private Collection<String> blockedMerchantIds = List.of();
        private Collection<String> blockedNamePatterns = List.of("GIFT", "PREPAID", "ITUNES", "GOOGLE PLAY");
        private Collection<Integer> cardPresentEntryModes = List.of(5, 7, 90, 91);
        private Collection<Integer> cav2RequiredEntryModes = List.of(1, 81);
        private Collection<Integer> acceptedEcis = List.of(5, 6);
        private long threeDsThresholdYen = 0;
        private long perTransactionLimitYen = 50_000;
        private int velocityMaxApprovals = 10;
        private int velocityWindowHours = 24;
        private int homeCountryNumeric = 392;
        private String homeCountryAlpha = "JP";
        private int currency = 392;
        private ZoneId zone = ZoneId.of("Asia/Tokyo");
        private int holdLifetimeDays = 7;

        public Builder blockedMccs(Collection<Integer> v) { blockedMccs = v; return this; }
        public Builder subscriptionMccs(Collection<Integer> v) { subscriptionMccs = v; return this; }
        public Builder blockedMerchantIds(Collection<String> v) { blockedMerchantIds = v; return this; }
        public Builder blockedNamePatterns(Collection<String> v) { blockedNamePatterns = v; return this; }
        public Builder cardPresentEntryModes(Collection<Integer> v) { cardPresentEntryModes = v; return this; }
        public Builder cav2RequiredEntryModes(Collection<Integer> v) { cav2RequiredEntryModes = v; return this; }
        public Builder acceptedEcis(Collection<Integer> v) { acceptedEcis = v; return this; }
        public Builder threeDsThresholdYen(long v) { threeDsThresholdYen = v; return this; }
        public Builder perTransactionLimitYen(long v) { perTransactionLimitYen = v; return this; }
        public Builder velocity(int maxApprovals, int windowHours) { velocityMaxApprovals = maxApprovals; velocityWindowHours = windowHours; return this; }
        public Builder home(int countryNumeric, String countryAlpha, int currencyCode) {
            homeCountryNumeric = countryNumeric;
            homeCountryAlpha = countryAlpha;
            currency = currencyCode;
            return this;
        }
        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder holdLifetimeDays(int v) { holdLifetimeDays = v; return this; }

        public PolicySettings build() {
            return new PolicySettings(this);
        }
    }
}
