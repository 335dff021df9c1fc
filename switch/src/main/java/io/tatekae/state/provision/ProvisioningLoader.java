package io.tatekae.state.provision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tatekae.state.AccountState;
import io.tatekae.state.AccountTerms;
import io.tatekae.state.CardState;
import io.tatekae.state.CreditLimitRule;
import io.tatekae.state.PanHasher;
import io.tatekae.state.StateStore;
import io.tatekae.state.StoreFullException;

/**
 * Loads the card-and-account provisioning file (profile §8, JSON Lines) into a {@link StateStore}.
 * Invalid lines are reported and skipped; the rest are applied in file order, so a card may refer to
 * an account defined earlier in the file. Re-importing replaces attributes and keeps outstanding
 * (unless given), open holds and velocity. Not for the decision thread.
 */
public final class ProvisioningLoader {
    public static final int MAX_LINE_CHARS = 4_096;
    public static final int MAX_LISTED_REJECTS = 1_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final StateStore store;
    private final PanHasher hasher;
    private final Consumer<? super CardState> beforeCardWrite;
    private final CreditLimitRule creditLimits;
    private final CardState card = new CardState();
    private final AccountState account = new AccountState();
    private final AccountTerms terms = new AccountTerms();
    private final List<RejectedLine> rejected = new ArrayList<>();
    private int rejectedCount;
    private int accountsAdded;
    private int accountsUpdated;
    private int cardsAdded;
    private int cardsUpdated;

    private ProvisioningLoader(StateStore store, PanHasher hasher, Consumer<? super CardState> beforeCardWrite,
                               CreditLimitRule creditLimits) {
        this.store = store;
        this.hasher = hasher;
        this.beforeCardWrite = beforeCardWrite;
        this.creditLimits = creditLimits;
    }

    public static ProvisioningReport load(Path file, StateStore store, PanHasher hasher) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, store, hasher);
        }
    }

    public static ProvisioningReport load(Reader reader, StateStore store, PanHasher hasher) throws IOException {
        return load(reader, store, hasher, c -> { });
    }

    /**
     * As {@link #load(Reader, StateStore, PanHasher)}, calling {@code beforeCardWrite} on each card just
     * before it is stored (for example to fill {@link CardState#setNameCanonical}).
     */
    public static ProvisioningReport load(Reader reader, StateStore store, PanHasher hasher,
                                          Consumer<? super CardState> beforeCardWrite) throws IOException {
        return load(reader, store, hasher, beforeCardWrite, CreditLimitRule.AS_PROVISIONED);
    }

    /**
     * As {@link #load(Reader, StateStore, PanHasher, Consumer)}, with each account's credit limit worked
     * out by {@code creditLimits} from the limit its record gives (or gave before) and its direct debit.
     */
    public static ProvisioningReport load(Reader reader, StateStore store, PanHasher hasher,
                                          Consumer<? super CardState> beforeCardWrite, CreditLimitRule creditLimits)
            throws IOException {
        return new ProvisioningLoader(store, hasher, beforeCardWrite, creditLimits).run(reader);
    }

    private ProvisioningReport run(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                applyLine(line);
            } catch (InvalidRecordException | IllegalArgumentException e) {
                // IllegalArgumentException: the beforeCardWrite hook refused the card (e.g. an unusable name).
                reject(lineNumber, e.getMessage());
            }
        }
        return new ProvisioningReport(lineNumber, accountsAdded, accountsUpdated, cardsAdded, cardsUpdated,
                rejectedCount, rejected);
    }

    private void applyLine(String line) throws InvalidRecordException {
        if (line.length() > MAX_LINE_CHARS) {
            throw new InvalidRecordException("line longer than " + MAX_LINE_CHARS + " characters");
        }
        ObjectNode obj = parseObject(line);
        String type = RecordFields.text(obj, "type");
        try {
            switch (type) {
                case "account" -> applyAccount(AccountRecord.parse(obj));
                case "card" -> applyCard(CardRecord.parse(obj));
                default -> throw new InvalidRecordException("\"type\" must be \"account\" or \"card\"");
            }
        } catch (StoreFullException e) {
            throw new InvalidRecordException(e.getMessage());
        }
    }

    private static ObjectNode parseObject(String line) throws InvalidRecordException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            // Jackson's own message may quote the input (a PAN); report only where it broke.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at column " + at.getColumnNr();
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key is given twice" : "not valid JSON";
            throw new InvalidRecordException(what + where);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new InvalidRecordException("not a JSON object");
        }
        return obj;
    }

    private void applyAccount(AccountRecord rec) throws InvalidRecordException {
        int index = store.accountIndex(rec.id());
        boolean exists = index >= 0 && store.readAccount(index, account);
        if (exists) {
            store.readTerms(index, terms);
        } else {
            account.index(-1).outstanding(0).openHolds(0);
            account.id().set(rec.id());
            terms.reset(-1);
        }
        if (rec.givesCreditLimit()) {
            terms.baseCreditLimit(rec.creditLimit());
        }
        if (rec.directDebit() != null) {
            terms.directDebit(rec.directDebit());
        }
        if (rec.history() != null) {
            AccountRecord.History h = rec.history();
            terms.history(h.statementsClosed(), h.statementsLate(), h.purchases(), h.purchaseYen());
        }
        long limit = creditLimits.accountLimit(terms.baseCreditLimit(), terms.directDebit());
        if (limit <= 0) {
            throw new InvalidRecordException("missing \"creditLimit\"");
        }
        account.creditLimit(limit).plan(rec.plan()).status(rec.status()).kycVerified(rec.kycVerified());
        if (rec.givesOutstanding()) {
            account.outstanding(rec.outstanding());
        }
        if (exists) {
            store.writeAccount(account);
            accountsUpdated++;
        } else {
            store.addAccount(account);
            accountsAdded++;
        }
        store.writeTerms(terms.index(account.index()));
    }

    private void applyCard(CardRecord rec) throws InvalidRecordException {
        int accountIndex = store.accountIndex(rec.accountId());
        if (accountIndex < 0) {
            throw new InvalidRecordException("card " + rec.maskedPan() + " refers to account " + rec.accountId()
                    + ", which is neither defined earlier in the file nor in the store");
        }
        hasher.hash(rec.pan(), card.panKey());
        boolean exists = store.readCard(card.panKey(), card);
        if (!exists) {
            card.velocity().clear();
            card.nameCanonical().clear();
        } else if (!card.name().contentEquals(rec.name())) {
            card.nameCanonical().clear();
        }
        card.maskedPan().set(rec.maskedPan());
        card.name().set(rec.name());
        card.expiryYymm(rec.expiryYymm()).limit(rec.limit()).status(rec.status()).accountIndex(accountIndex);
        beforeCardWrite.accept(card);
        store.writeCard(card);
        if (exists) {
            cardsUpdated++;
        } else {
            cardsAdded++;
        }
    }

    private void reject(int lineNumber, String reason) {
        rejectedCount++;
        if (rejected.size() < MAX_LISTED_REJECTS) {
            rejected.add(new RejectedLine(lineNumber, reason));
        }
    }
}
