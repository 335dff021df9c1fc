package io.tatekae.app;

import io.tatekae.config.HoldsConfig;
import io.tatekae.config.PolicyConfig;
import io.tatekae.engine.PolicySettings;

import java.util.List;

/** Turns the validated policy configuration into the engine's lookup tables. */
public final class PolicySettingsFactory {
    private PolicySettingsFactory() {
    }

    public static PolicySettings from(PolicyConfig p, HoldsConfig holds) {
        return PolicySettings.builder()
                .blockedMccs(p.allBlockedMccs())
                .subscriptionMccs(p.subscriptionMccs())
                .blockedMerchantIds(p.blockedMerchantIds())
                .blockedNamePatterns(p.blockedNamePatterns())
                .cardPresentEntryModes(codes(p.cardPresentEntryModes()))
                .cav2RequiredEntryModes(codes(p.cav2RequiredEntryModes()))
                .acceptedEcis(codes(p.threeDsAcceptedEci()))
                .threeDsThresholdYen(p.threeDsThresholdYen())
                .perTransactionLimitYen(p.perTransactionLimitYen())
                .velocity(p.velocityMaxApprovals(), p.velocityWindowHours())
                .home(Integer.parseInt(p.homeCountryNumeric()), p.homeCountryAlpha(), Integer.parseInt(p.currency()))
                .zone(p.timezone())
                .holdLifetimeDays(holds.lifetimeDays())
                .build();
    }

    private static List<Integer> codes(List<String> digits) {
        return digits.stream().map(Integer::parseInt).toList();
    }
}
