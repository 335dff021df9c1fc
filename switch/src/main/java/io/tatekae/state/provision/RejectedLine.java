package io.tatekae.state.provision;

/** A provisioning line that was skipped, and why. The reason never holds a full PAN. */
public record RejectedLine(int lineNumber, String reason) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
