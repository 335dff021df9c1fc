package io.tatekae.config;

/** Holds on authorized amounts: how long one lives uncleared, and how many may be open at once. */
public record HoldsConfig(int lifetimeDays, int maxOpenHolds) {
}
