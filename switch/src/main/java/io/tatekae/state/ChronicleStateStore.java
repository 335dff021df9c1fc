package io.tatekae.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * {@link StateStore} on three persisted Chronicle Maps under {@code <dataDir>/state/}: cards by
 * {@link PanKey}, accounts by dense index, and account id → index. Records are fixed-size, so reads
 * go into the caller's holder and replacements happen in place. Capacities are fixed when the files
 * are first created; the limits given here are enforced with {@link StoreFullException}.
 * Thread-safe (Chronicle Map locks per segment); adding accounts is serialized.
 */
public final class ChronicleStateStore implements StateStore {
    public static final String CARDS_FILE = "cards.cm3";
    public static final String ACCOUNTS_FILE = "accounts.cm3";
    public static final String ACCOUNT_IDS_FILE = "account-ids.cm3";
    public static final String ACCOUNT_TERMS_FILE = "account-terms.cm3";
    private static final double MAX_BLOAT_FACTOR = 1.5;

    private final long maxCards;
    private final int maxAccounts;
    private final ChronicleMap<PanKey, CardState> cards;
    private final ChronicleMap<AccountIndexKey, AccountState> accounts;
    private final ChronicleMap<CharSequence, Integer> accountIds;
    private final ChronicleMap<AccountIndexKey, AccountTerms> accountTerms;
    private static final String CLEAN_CLOSE_MARKER = "closed-cleanly";

    private final Path cleanMarker;
    private final Path directory;
    private final AtomicLong cardCount;
    private volatile int accountCount;
    private final ThreadLocal<AccountIndexKey> accountKey = ThreadLocal.withInitial(AccountIndexKey::new);

    public ChronicleStateStore(Path dataDir, long maxCards, int maxAccounts) {
        if (maxCards < 1 || maxAccounts < 1) {
            throw new IllegalArgumentException("state store needs max cards and max accounts >= 1, got "
                    + maxCards + " and " + maxAccounts);
        }
        this.maxCards = maxCards;
        this.maxAccounts = maxAccounts;
        Path dir = dataDir.resolve("state");
        this.directory = dir;
        ChronicleMap<PanKey, CardState> c = null;
        ChronicleMap<AccountIndexKey, AccountState> a = null;
        ChronicleMap<CharSequence, Integer> ids = null;
        try {
            Files.createDirectories(dir);
            // Without the marker of a clean close, the last process may have died mid-write: let
            // Chronicle check and repair the files' segment headers as it opens them.
            this.cleanMarker = dir.resolve(CLEAN_CLOSE_MARKER);
            boolean recover = !Files.deleteIfExists(cleanMarker);
            c = openCards(dir.resolve(CARDS_FILE), maxCards, recover);
            a = openAccounts(dir.resolve(ACCOUNTS_FILE), maxAccounts, recover);
            ids = openAccountIds(dir.resolve(ACCOUNT_IDS_FILE), maxAccounts, recover);
            this.accountIds = ids;
            this.accountTerms = openAccountTerms(dir.resolve(ACCOUNT_TERMS_FILE), maxAccounts, recover);
        } catch (IOException | RuntimeException e) {
            closeQuietly(c);
            closeQuietly(a);
            closeQuietly(ids);
            throw e instanceof IOException io
                    ? new UncheckedIOException("cannot open state store in " + dir + ": " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
        this.cards = c;
        this.accounts = a;
        this.cardCount = new AtomicLong(cards.longSize());
        this.accountCount = checkAccountsDense(dir);
    }

    private static <K, V> ChronicleMap<K, V> persist(ChronicleMapBuilder<K, V> b, Path file,
                                                     boolean recover) throws IOException {
        // The switch closes its maps itself, in order, at a graceful stop (after writing the money back);
        // Chronicle's own shutdown hook would close them under that work.
        b.skipCloseOnExitHook(true);
        if (recover && Files.exists(file)) {
            if (StaleReadinessMark.clear(file)) {
                System.getLogger(ChronicleStateStore.class.getName()).log(System.Logger.Level.WARNING, "state file "
                        + file.getFileName() + ": the last process died while Chronicle Map created or repaired it;"
                        + " cleared the stale not-ready mark before repairing it again");
            }
            return b.recoverPersistedTo(file.toFile(), false, corruption -> System.getLogger(ChronicleStateStore.class.getName())
                    .log(System.Logger.Level.WARNING, "state file " + file.getFileName() + " repaired after an unclean stop: "
                            + corruption.message()));
        }
        return b.createPersistedTo(file.toFile());
    }

    private static ChronicleMap<PanKey, CardState> openCards(Path file, long max, boolean recover) throws IOException {
        return persist(ChronicleMap.of(PanKey.class, CardState.class)
                .name("tatekae-cards")
                .keyMarshaller(PanKeyMarshaller.INSTANCE)
                .valueMarshaller(CardStateMarshaller.INSTANCE)
                .constantKeySizeBySample(new PanKey())
                .constantValueSizeBySample(new CardState())
                // No entry checksums: recovery deletes an entry whose checksum a kill tore mid-write,
                // which lost whole cards and accounts. Fixed-size values are rewritten in place with
                // the same bytes except the money fields, and the journal replay rewrites those.
                .checksumEntries(false)
                .entries(max)
                .maxBloatFactor(MAX_BLOAT_FACTOR)
                , file, recover);
    }

    private static ChronicleMap<AccountIndexKey, AccountState> openAccounts(Path file, int max, boolean recover)
            throws IOException {
        return persist(ChronicleMap.of(AccountIndexKey.class, AccountState.class)
                .name("tatekae-accounts")
                .keyMarshaller(AccountIndexKeyMarshaller.INSTANCE)
                .valueMarshaller(AccountStateMarshaller.INSTANCE)
                .constantKeySizeBySample(new AccountIndexKey())
                .constantValueSizeBySample(new AccountState())
                .checksumEntries(false)
                .entries(max)
                .maxBloatFactor(MAX_BLOAT_FACTOR)
                , file, recover);
    }

    private static ChronicleMap<CharSequence, Integer> openAccountIds(Path file, int max, boolean recover)
            throws IOException {
        return persist(ChronicleMap.of(CharSequence.class, Integer.class)
                .name("tatekae-account-ids")
                .averageKeySize(AccountState.ID_CAPACITY)
                .entries(max)
                .maxBloatFactor(MAX_BLOAT_FACTOR)
                , file, recover);
    }

    private static ChronicleMap<AccountIndexKey, AccountTerms> openAccountTerms(Path file, int max, boolean recover)
            throws IOException {
        return persist(ChronicleMap.of(AccountIndexKey.class, AccountTerms.class)
                .name("tatekae-account-terms")
                .keyMarshaller(AccountIndexKeyMarshaller.INSTANCE)
                .valueMarshaller(AccountTermsMarshaller.INSTANCE)
                .constantKeySizeBySample(new AccountIndexKey())
                .constantValueSizeBySample(new AccountTerms())
                .checksumEntries(false)
                .entries(max)
                .maxBloatFactor(MAX_BLOAT_FACTOR)
                , file, recover);
    }

    /** Accounts are the source of truth; the id map is rebuilt if a crash left it behind. */
    private int checkAccountsDense(Path dir) {
        int count = Math.toIntExact(accounts.longSize());
        AccountState acct = new AccountState();
        AccountIndexKey key = new AccountIndexKey();
        for (int i = 0; i < count; i++) {
            if (accounts.getUsing(key.index(i), acct) == null) {
                throw new IllegalStateException("state store " + dir + " holds " + count
                        + " accounts but index " + i + " is missing");
            }
        }
        if (accountIds.longSize() != count) {
            accountIds.clear();
            for (int i = 0; i < count; i++) {
                accounts.getUsing(key.index(i), acct);
                accountIds.put(acct.id().asString(), i);
            }
        }
        return count;
    }

    @Override
    public boolean readCard(PanKey key, CardState into) {
        return cards.getUsing(key, into) != null;
    }

    @Override
    public void writeCard(CardState card) {
        int index = card.accountIndex();
        if (index < 0 || index >= accountCount) {
            throw new IllegalArgumentException("card " + card.maskedPan() + " refers to account index " + index
                    + ", which does not exist (" + accountCount + " accounts)");
        }
        try (ExternalMapQueryContext<PanKey, CardState, ?> q = cards.queryContext(card.panKey())) {
            q.updateLock().lock();
            MapEntry<PanKey, CardState> entry = q.entry();
            if (entry != null) {
                entry.doReplaceValue(q.wrapValueAsData(card));
                return;
            }
            if (cardCount.incrementAndGet() > maxCards) {
                cardCount.decrementAndGet();
                throw new StoreFullException("card store is full: " + maxCards + " cards (max cards); cannot add "
                        + card.maskedPan());
            }
            q.absentEntry().doInsert(q.wrapValueAsData(card));
        }
    }

    @Override
    public boolean readAccount(int index, AccountState into) {
        if (index < 0 || index >= accountCount) {
            return false;
        }
        return accounts.getUsing(accountKey.get().index(index), into) != null;
    }

    @Override
    public void writeAccount(AccountState acct) {
        int index = acct.index();
        if (index < 0 || index >= accountCount) {
            throw new IllegalArgumentException("account index " + index + " does not exist (" + accountCount
                    + " accounts); new accounts go through addAccount");
        }
        try (ExternalMapQueryContext<AccountIndexKey, AccountState, ?> q =
                     accounts.queryContext(accountKey.get().index(index))) {
            q.updateLock().lock();
            MapEntry<AccountIndexKey, AccountState> entry = q.entry();
            if (entry == null) {
                throw new IllegalStateException("account index " + index + " vanished from the state store");
            }
            entry.doReplaceValue(q.wrapValueAsData(acct));
        }
    }

    @Override
    public boolean readTerms(int index, AccountTerms into) {
        if (index >= 0 && index < accountCount && accountTerms.getUsing(accountKey.get().index(index), into) != null) {
            return true;
        }
        into.reset(index);
        return false;
    }

    @Override
    public void writeTerms(AccountTerms terms) {
        int index = terms.index();
        if (index < 0 || index >= accountCount) {
            throw new IllegalArgumentException("account index " + index + " does not exist (" + accountCount
                    + " accounts): terms go with an existing account");
        }
        accountTerms.put(accountKey.get().index(index), terms);
    }

    @Override
    public synchronized int addAccount(AccountState acct) {
        String id = acct.id().asString();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("account id is empty");
        }
        Integer existing = accountIds.get(id);
        if (existing != null) {
            throw new IllegalArgumentException("account " + id + " already exists as index " + existing);
        }
        int index = accountCount;
        if (index >= maxAccounts) {
            throw new StoreFullException("account store is full: " + maxAccounts + " accounts (max accounts); cannot add " + id);
        }
        acct.index(index);
        accounts.put(new AccountIndexKey().index(index), acct);
        accountIds.put(id, index);
        accountCount = index + 1;
        return index;
    }

    @Override
    public int accountIndex(CharSequence id) {
        Integer index = accountIds.get(id);
        return index == null ? -1 : index;
    }

    @Override
    public void forEachCard(Consumer<? super CardState> visitor) {
        long[] keys = new long[Math.toIntExact(2 * cards.longSize())];
        int[] n = {0};
        cards.forEachEntry(e -> {
            PanKey k = e.key().get();
            if (n[0] + 1 < keys.length) {
                keys[n[0]++] = k.hi();
                keys[n[0]++] = k.lo();
            }
        });
        PanKey key = new PanKey();
        CardState card = new CardState();
        for (int i = 0; i < n[0]; i += 2) {
            if (readCard(key.set(keys[i], keys[i + 1]), card)) {
                visitor.accept(card);
            }
        }
    }

    @Override
    public void forEachAccount(Consumer<? super AccountState> visitor) {
        AccountState acct = new AccountState();
        int count = accountCount;
        for (int i = 0; i < count; i++) {
            if (readAccount(i, acct)) {
                visitor.accept(acct);
            }
        }
    }

    @Override
    public long cardCount() {
        return cardCount.get();
    }

    @Override
    public int accountCount() {
        return accountCount;
    }

    /**
     * Writes the state files' changed pages to the disk now. Provisioning writes hundreds of MB into
     * these memory-mapped files; left to the kernel, they are written back about 30 s later
     * ({@code vm.dirty_expire_centisecs}) all at once, and the journal's commits wait behind that in the
     * device's queue (a 40–50 ms stall under load). Call it after bulk writes, before serving.
     */
    public void forceToDisk() {
        for (String file : new String[] {CARDS_FILE, ACCOUNTS_FILE, ACCOUNT_IDS_FILE, ACCOUNT_TERMS_FILE}) {
            try (FileChannel channel = FileChannel.open(directory.resolve(file), StandardOpenOption.READ)) {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("state file " + directory.resolve(file) + ": cannot write it to the disk", e);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(cards);
        closeQuietly(accounts);
        closeQuietly(accountIds);
        closeQuietly(accountTerms);
        try {
            Files.createFile(cleanMarker);
        } catch (IOException e) {
            // Only costs a recovery check at the next open.
        }
    }

    private static void closeQuietly(ChronicleMap<?, ?> map) {
        if (map != null) {
            map.close();
        }
    }
}
