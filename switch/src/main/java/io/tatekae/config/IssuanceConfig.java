package io.tatekae.config;

/**
 * Issuing the app card (billing.md §6): the BIN range new PANs come from, their length and expiry, and
 * the history an account needs before it may have a card.
 *
 * @param bin            the leading digits of every issued PAN
 * @param panLength      digits of an issued PAN, check digit included
 * @param expiryYears    an issued card expires at the end of the month this many years ahead
 * @param minStatements  closed statements an account needs (its own plus the history provisioning gives)
 * @param minPurchases   posted purchases it needs
 * @param minPurchaseYen yen those purchases must add up to (net of refunds)
 */
public record IssuanceConfig(String bin, int panLength, int expiryYears, int minStatements, int minPurchases,
                             long minPurchaseYen) {
    public static IssuanceConfig defaults() {
        return new IssuanceConfig("354099", 16, 5, 2, 3, 3_000);
    }
}
