package io.tatekae.app;

import io.tatekae.engine.name.CardholderName;
import io.tatekae.state.CardState;
import io.tatekae.state.CreditLimitRule;
import io.tatekae.state.PanHasher;
import io.tatekae.state.StateStore;
import io.tatekae.state.provision.ProvisioningLoader;
import io.tatekae.state.provision.ProvisioningReport;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Provisioning as the switch does it: the loader, plus each card's canonical name for matching, each
 * account's limit by billing's rule (direct debit), and a note of every card written (for billing's
 * card index and the record of limit changes).
 */
public final class CardProvisioner {
    /** A card provisioning wrote: its key, masked PAN, account and limit before (-1 for a new card) and after. */
    public record WrittenCard(long panHi, long panLo, String maskedPan, int accountIndex, long previousLimit, long limit) {
    }

    private final StateStore store;
    private final PanHasher hasher;
    private final CreditLimitRule creditLimits;
    private final List<WrittenCard> written = new ArrayList<>();

    public CardProvisioner(StateStore store, PanHasher hasher) {
        this(store, hasher, CreditLimitRule.AS_PROVISIONED);
    }

    public CardProvisioner(StateStore store, PanHasher hasher, CreditLimitRule creditLimits) {
        this.store = store;
        this.hasher = hasher;
        this.creditLimits = creditLimits;
    }

    public ProvisioningReport load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader);
        }
    }

    public ProvisioningReport load(Reader reader) throws IOException {
        CardState before = new CardState();
        return ProvisioningLoader.load(reader, store, hasher, card -> {
            byte[] form = CardholderName.canonicalize(card.name().asString()).toBytes();
            card.setNameCanonical(form, 0, form.length);
            long previous = store.readCard(card.panKey(), before) ? before.limit() : -1;
            written.add(new WrittenCard(card.panKey().hi(), card.panKey().lo(), card.maskedPan().asString(),
                    card.accountIndex(), previous, card.limit()));
        }, creditLimits);
    }

    /** The cards the loads so far wrote, in order. */
    public List<WrittenCard> written() {
        return written;
    }
}
