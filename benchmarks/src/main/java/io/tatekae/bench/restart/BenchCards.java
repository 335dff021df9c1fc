package io.tatekae.bench.restart;

import io.tatekae.app.CardProvisioner;
import io.tatekae.config.SwitchConfig;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.Luhn;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.provision.ProvisioningReport;

import java.io.IOException;
import java.io.StringReader;

/**
 * The benchmark's accounts and cards, provisioned into the state files as {@code scripts/provision}
 * does with the switch stopped; card i belongs to account i mod accounts. Keeps what the journal's
 * records name: each card's PAN key, its account index and masked PAN.
 */
final class BenchCards {
    private static final int CHUNK = 10_000;

    final long[] panHi;
    final long[] panLo;
    final int[] account;
    final String[] masked;
    /** The account id of each card, as provisioned. */
    final String[] accountIds;

    private BenchCards(int cards, int accounts) {
        panHi = new long[cards];
        panLo = new long[cards];
        account = new int[cards];
        masked = new String[cards];
        accountIds = new String[cards];
    }

    static String pan(int card) {
        return Luhn.withCheckDigit("3540995" + String.format("%08d", card));
    }

    static BenchCards provision(SwitchConfig config, int cards, int accounts) throws IOException {
        BenchCards c = new BenchCards(cards, accounts);
        PanHasher hasher = new PanHasher(config.keys().panHashKey());
        try (ChronicleStateStore store = new ChronicleStateStore(config.data().dir(), cards, accounts)) {
            CardProvisioner provisioner = new CardProvisioner(store, hasher);
            for (int from = 0; from < cards; from += CHUNK) {
                StringBuilder lines = new StringBuilder();
                for (int i = from; i < Math.min(cards, from + CHUNK); i++) {
                    if (i < accounts) {
                        lines.append("{\"type\":\"account\",\"id\":\"R").append(i).append("\",\"creditLimit\":10000000,")
                                .append("\"plan\":\"STANDARD\",\"status\":\"GOOD\",\"kycVerified\":true}\n");
                    }
                    lines.append("{\"type\":\"card\",\"pan\":\"").append(pan(i)).append("\",\"expiry\":\"3012\",")
                            .append("\"name\":\"TARO YAMADA\",\"account\":\"R").append(i % accounts)
                            .append("\",\"limit\":50000,\"status\":\"ACTIVE\"}\n");
                }
                ProvisioningReport report = provisioner.load(new StringReader(lines.toString()));
                if (!report.allLinesUsed()) {
                    throw new IllegalStateException("provisioning the benchmark's cards: " + report.describe());
                }
            }
            PanKey key = new PanKey();
            for (int i = 0; i < cards; i++) {
                String pan = pan(i);
                hasher.hash(pan, key);
                c.panHi[i] = key.hi();
                c.panLo[i] = key.lo();
                c.accountIds[i] = "R" + (i % accounts);
                c.account[i] = store.accountIndex(c.accountIds[i]);
                c.masked[i] = pan.substring(0, 6) + "******" + pan.substring(pan.length() - 4);
            }
        }
        return c;
    }
}
