package io.tatekae.app;

import io.tatekae.engine.name.CardholderName;
import io.tatekae.state.PanHasher;
import io.tatekae.state.StateStore;
import io.tatekae.state.provision.ProvisioningLoader;
import io.tatekae.state.provision.ProvisioningReport;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Provisioning as the switch does it: the loader, plus each card's canonical name for matching. */
public final class CardProvisioner {
    private final StateStore store;
    private final PanHasher hasher;

    public CardProvisioner(StateStore store, PanHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    public ProvisioningReport load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader);
        }
    }

    public ProvisioningReport load(Reader reader) throws IOException {
        return ProvisioningLoader.load(reader, store, hasher, card -> {
            byte[] form = CardholderName.canonicalize(card.name().asString()).toBytes();
            card.setNameCanonical(form, 0, form.length);
        });
    }
}
