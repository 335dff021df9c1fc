package io.tatekae.config;

/** The whole, validated configuration of the switch. Load it with {@link ConfigLoader#load}. */
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
        IssuanceConfig issuance) {
}
