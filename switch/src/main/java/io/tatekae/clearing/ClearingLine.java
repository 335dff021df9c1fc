package io.tatekae.clearing;

import io.tatekae.state.MaskedPan;

/**
 * One valid line of the clearing file (profile §8). The PAN stays in memory only: never print it
 * (use {@link #maskedPan()}). {@code postingId} is the line's identity, its idempotency key.
 */
public record ClearingLine(int lineNumber, Type type, String pan, String authCode, String rrn, long amount,
                           long postingId) {
    public enum Type { PURCHASE, REFUND }

    public String maskedPan() {
        return MaskedPan.of(pan);
    }

    @Override
    public String toString() {
        return "ClearingLine[line " + lineNumber + " " + type + " " + maskedPan() + " " + amount + " yen]";
    }
}
