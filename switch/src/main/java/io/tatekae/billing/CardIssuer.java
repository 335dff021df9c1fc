package io.tatekae.billing;

import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.engine.name.CardholderName;
import io.tatekae.state.AccountState;
import io.tatekae.state.CardState;
import io.tatekae.state.Luhn;
import io.tatekae.state.MaskedPan;
import io.tatekae.state.PanHasher;
import io.tatekae.state.PanKey;
import io.tatekae.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Issues the app card (billing.md §6) on the decision thread: either every unmet condition, or a new
 * card with a PAN from the BIN range (random digits, Luhn check digit, never one the store or the
 * journal has ever known, closed cards included), an expiry at the end of the month {@code expiryYears}
 * ahead, the limit of the account's current rung, and its CAV2 under the CVK, computed for this one
 * answer and never kept. The PAN itself is never stored either: the store and the journal hold its
 * HMAC key and masked form, from which recovery re-creates the card.
 */
public final class CardIssuer {
    /** Attempts at a random PAN not yet taken, before giving up (the range is nearly full). */
    static final int MAX_ATTEMPTS = 1_000;

    /** Where the PANs come from and how long cards last (configuration {@code issuance.*}). */
    public record Settings(String bin, int panLength, int expiryYears) {
    }

    /** The answer: a card, or the conditions not met. */
    public sealed interface Result permits Issued, Refused {
    }

    /** A new card. Its {@code pan} and {@code cav2} go to the app once; {@link #toString()} shows neither. */
    public record Issued(String pan, int expiryYymm, String cav2, long limit, String status) implements Result {
        @Override
        public String toString() {
            return "Issued[" + MaskedPan.of(pan) + " expiry " + expiryYymm + " limit " + limit + " " + status + "]";
        }
    }

    public record Refused(List<String> reasons) implements Result {
    }

    private final Billing billing;
    private final AccountViews views;
    private final StateStore store;
    private final PanHasher hasher;
    private final Cav2Calculator cav2;
    private final Settings settings;
    private final RandomGenerator random;
    private final CardState existing = new CardState();

    public CardIssuer(Billing billing, AccountViews views, StateStore store, PanHasher hasher, Cav2Calculator cav2,
                      Settings settings, RandomGenerator random) {
        if (settings.panLength() - settings.bin().length() - 1 < 1) {
            throw new IllegalArgumentException("issued PANs of " + settings.panLength() + " digits leave no room after BIN "
                    + settings.bin());
        }
        this.billing = billing;
        this.views = views;
        this.store = store;
        this.hasher = hasher;
        this.cav2 = cav2;
        this.settings = settings;
        this.random = random;
    }

    /**
     * Issues a card to account {@code index} in the name given (romaji, as provisioning accepts it).
     *
     * @throws IllegalArgumentException when the name cannot be a card's name (the message says why)
     * @throws IllegalStateException when no unused PAN was found in the range
     */
    public Result issue(int index, String name, long now) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        CardholderName canonical = CardholderName.canonicalize(upper);
        List<String> refused = views.refusals(index, now);
        if (!refused.isEmpty()) {
            return new Refused(refused);
        }
        AccountState account = new AccountState();
        store.readAccount(index, account);
        byte[] pan = freshPan();
        int expiry = expiry(now);
        long limit = views.newCardLimit(index, now);
        CardState card = new CardState();
        hasher.hash(pan, 0, pan.length, card.panKey());
        String text = new String(pan, StandardCharsets.US_ASCII);
        card.maskedPan().set(MaskedPan.of(text));
        card.name().set(upper);
        byte[] form = canonical.toBytes();
        card.setNameCanonical(form, 0, form.length);
        card.expiryYymm(expiry).limit(limit).accountIndex(index).velocity().clear();
        billing.cardIssued(card, account.id().asString(), now);
        String code = String.format("%03d", cav2.compute(pan, 0, pan.length, expiry, Cav2Calculator.CAV2_SERVICE_CODE));
        Arrays.fill(pan, (byte) 0);
        return new Issued(text, expiry, code, limit, "ACTIVE");
    }

    /** A Luhn-valid PAN in the BIN range that no card the store or the journal knows has. */
    private byte[] freshPan() {
        PanKey key = new PanKey();
        byte[] pan = new byte[settings.panLength()];
        byte[] bin = settings.bin().getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            System.arraycopy(bin, 0, pan, 0, bin.length);
            for (int i = bin.length; i < pan.length - 1; i++) {
                pan[i] = (byte) ('0' + random.nextInt(10));
            }
            pan[pan.length - 1] = checkDigit(pan);
            hasher.hash(pan, 0, pan.length, key);
            if (!store.readCard(key, existing) && !billing.issuedBefore(key.hi(), key.lo())) {
                return pan;
            }
        }
        Arrays.fill(pan, (byte) 0);
        throw new IllegalStateException("no unused PAN found in BIN " + settings.bin() + " after " + MAX_ATTEMPTS + " tries");
    }

    private static byte checkDigit(byte[] pan) {
        for (byte d = '0'; d <= '9'; d++) {
            pan[pan.length - 1] = d;
            if (Luhn.valid(pan, 0, pan.length)) {
                return d;
            }
        }
        throw new IllegalStateException("no Luhn check digit");
    }

    /** YYMM of the month {@code expiryYears} ahead (the card is usable to the end of that month). */
    private int expiry(long now) {
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(billing.calendar().zone()).plusYears(settings.expiryYears());
        return (at.getYear() % 100) * 100 + at.getMonthValue();
    }
}
