package io.tatekae.config;

/** Capacities of the in-memory (memory-mapped) card and account state. */
public record StateConfig(int maxCards, int maxAccounts) {
}
