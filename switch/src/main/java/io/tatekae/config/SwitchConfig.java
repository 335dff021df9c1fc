package io.tatekae.config;

import java.nio.file.Path;

/**
 * The whole, validated configuration of the switch. Load it with {@link ConfigLoader#load}.
 *
 * @param file the file it was read from (a child poster reads the same one), or null when it was parsed from text
 */
public record SwitchConfig(
        Mode mode,
        ServerConfig server,
        HttpConfig http,
        PipelineConfig pipeline,
        DataConfig data,
        StateConfig state,
        KeysConfig keys,
        PolicyConfig policy,
        HoldsConfig holds,
        JournalConfig journal,
        LedgerConfig ledger,
        RecorderConfig recorder,
        BillingConfig billing,
        IssuanceConfig issuance,
        Path file) {
}
