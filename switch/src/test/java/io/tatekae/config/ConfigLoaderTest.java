package io.tatekae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tatekae.engine.TxnTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    static Path shippedConfig() {
        return Path.of(System.getProperty("tatekae.repo.dir", ".."), "config", "switch.yaml");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("switch.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private SwitchConfig load(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml), Overrides.NONE, Map.of());
    }

    private List<String> problems(String yaml) throws IOException {
        return problems(yaml, Map.of());
    }

    private List<String> problems(String yaml, Map<String, String> env) throws IOException {
        Path file = write(yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Overrides.NONE, env)).problems();
    }

    private String file() {
        return dir.resolve("switch.yaml").toString();
    }

    @Test
    void shippedConfigLoadsWithTheDocumentedDefaults() {
        SwitchConfig config = ConfigLoader.load(shippedConfig(), Overrides.NONE, Map.of());
        assertEquals(Mode.DEMO, config.mode());
        assertEquals(new ServerConfig("127.0.0.1", 8583, 300, 5000, 64, 1024, 32768, 65536), config.server());
        assertEquals(new HttpConfig("127.0.0.1", 8080), config.http());
        assertEquals(new PipelineConfig(ThreadingMode.RUN_TO_COMPLETION, 4096, WaitStrategyKind.BLOCKING, 256), config.pipeline());
        assertEquals(Path.of("data").toAbsolutePath(), config.data().dir());
        assertEquals(KeysConfig.DEMO, config.keys());
        assertEquals(new HoldsConfig(7, 1_000_000), config.holds());
        assertEquals(new JournalConfig(FsyncMode.DURABLE, 67_108_864L, "delete", Path.of("data/journal-archive").toAbsolutePath(),
                1_000_000L, 10, 3), config.journal());
        assertEquals("jdbc:sqlite:" + Path.of("data").toAbsolutePath() + "/ledger/ledger.db", config.ledger().url());
        assertEquals(500, config.ledger().batchSize());
        assertEquals(1, config.ledger().commitIntervalMillis());
        assertEquals(PosterMode.CHILD, config.ledger().poster());
        assertEquals(0, config.ledger().childHeapMb(), "sized from the configuration");
        assertTrue(config.ledger().childIdle());
        assertEquals(shippedConfig().toAbsolutePath().normalize(), config.file(), "a child poster reads the same file");
        PolicyConfig policy = config.policy();
        assertEquals(ZoneId.of("Asia/Tokyo"), policy.timezone());
        assertEquals(Set.of(6540, 6529, 6530, 4829, 6010, 6011, 6012, 6050, 6051, 6534, 5815, 5816, 5817, 5818,
                7922, 7800, 7801, 7802, 7995, 9406, 6211), policy.allBlockedMccs());
        assertEquals("gamblingLotteries", policy.blockedMccCategory(7995));
        assertEquals(List.of("GIFT", "PREPAID", "ITUNES", "GOOGLE PLAY"), policy.blockedNamePatterns());
        assertEquals(List.of(5968), policy.subscriptionMccs());
        assertEquals(List.of("05", "07", "90", "91"), policy.cardPresentEntryModes());
        assertEquals(List.of("01", "81"), policy.cav2RequiredEntryModes());
        assertEquals(List.of("05", "06"), policy.threeDsAcceptedEci());
        assertEquals(50_000L, policy.perTransactionLimitYen());
        assertEquals("392", policy.homeCountryNumeric());
        assertEquals("JP", policy.homeCountryAlpha());
        assertEquals(new BillingConfig(209, 300, 10, 50_000, 100_000, List.of(3_000L, 5_000L, 10_000L, 20_000L, 30_000L, 50_000L)),
                config.billing());
        assertEquals(new IssuanceConfig("354099", 16, 5, 2, 3, 3_000), config.issuance());
    }

    @Test
    void maxOpenHoldsStopsAtTheLargestTransactionTableOneArrayHolds() throws IOException {
        assertEquals(List.of(file() + ": holds.maxOpenHolds: " + (TxnTable.MAX_ENTRIES + 1) + " is out of range (allowed 1.."
                        + TxnTable.MAX_ENTRIES + ") (line 2)"),
                problems("holds:\n  maxOpenHolds: " + (TxnTable.MAX_ENTRIES + 1) + "\n"));
    }

    @Test
    void billingAndIssuanceNumbersAreCheckedAndTheLadderMustClimb() throws IOException {
        assertEquals(List.of(
                file() + ": billing.dueDay: 31 is out of range (allowed 1..28) (line 2)",
                file() + ": billing.directDebitCreditLimitYen: 40000 is below billing.creditLimitYen (50000): registering"
                        + " direct debit must not lower the limit (line 3)",
                file() + ": billing.cardLimitLadder: must climb: 5000 follows 10000 (line 4)",
                file() + ": issuance.bin: \"35AB\" is not 4 to 12 digits (write it in quotes, e.g. \"354099\") (line 6)",
                file() + ": issuance.panLength: 12 is out of range (allowed 13..19) (line 7)"),
                problems("billing:\n  dueDay: 31\n  directDebitCreditLimitYen: 40000\n  cardLimitLadder: [3000, 10000, 5000]\n"
                        + "issuance:\n  bin: \"35AB\"\n  panLength: 12\n"));
        assertEquals(List.of(file() + ": billing.cardLimitLadder: 60000 is out of range (card limits are 3000..50000) (line 2)"),
                problems("billing:\n  cardLimitLadder: [3000, 60000]\n"));
        assertEquals(List.of(file() + ": issuance.panLength: 13 leaves fewer than 6 random digits after the 8-digit"
                        + " issuance.bin and the check digit (line 3)"),
                problems("issuance:\n  bin: \"35409912\"\n  panLength: 13\n"));
        SwitchConfig custom = load("billing:\n  billingFeeYen: 0\n  cardLimitLadder: [3000, 8000]\nissuance:\n  minStatements: 0\n");
        assertEquals(0, custom.billing().billingFeeYen());
        assertEquals(List.of(3_000L, 8_000L), custom.billing().cardLimitLadder());
        assertEquals(0, custom.issuance().minStatements());
    }

    @Test
    void shippedConfigSaysExactlyWhatTheBuiltInDefaultsSay() throws IOException {
        SwitchConfig shipped = withoutFile(ConfigLoader.load(shippedConfig(), Overrides.NONE, Map.of()));
        assertEquals(withoutFile(load("")), shipped);
        assertEquals(withoutFile(load("# nothing but a comment\n")), shipped);
    }

    private static SwitchConfig withoutFile(SwitchConfig c) {
        return new SwitchConfig(c.mode(), c.server(), c.http(), c.pipeline(), c.data(), c.state(), c.keys(), c.policy(),
                c.holds(), c.journal(), c.ledger(), c.recorder(), c.billing(), c.issuance(), null);
    }

    @Test
    void unknownKeySuggestsTheKnownOne() throws IOException {
        assertEquals(List.of(file() + ": server.prot: unknown key (did you mean server.port?) (line 3)"),
                problems("server:\n  host: 127.0.0.1\n  prot: 9000\n"));
        assertEquals(List.of(file() + ": sever: unknown key (did you mean server?) (line 1)"),
                problems("sever:\n  port: 9000\n"));
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheKnownKeys() throws IOException {
        String problem = problems("holds:\n  colour: blue\n").getFirst();
        assertEquals(file() + ": holds.colour: unknown key (known keys: lifetimeDays, maxOpenHolds) (line 2)", problem);
    }

    @Test
    void wrongTypesNameTheKeyAndWhatWasExpected() throws IOException {
        assertEquals(List.of(file() + ": server.port: expected a whole number in 0..65535, got \"abc\" (line 2)"),
                problems("server:\n  port: abc\n"));
        assertEquals(List.of(file() + ": server: expected a section of keys, got the value \"5\" (line 1)"),
                problems("server: 5\n"));
        assertEquals(List.of(file() + ": pipeline.ringSize: expected a single value, got a list (line 2)"),
                problems("pipeline:\n  ringSize: [1, 2]\n"));
        assertEquals(List.of(file() + ": policy.blockedMerchantIds: expected a list, got the value \"M1\" (line 2)"),
                problems("policy:\n  blockedMerchantIds: M1\n"));
        assertEquals(List.of(file() + ": server.idleTimeoutSeconds: expected a whole number in 1..3600, got \"1.5\" (line 2)"),
                problems("server:\n  idleTimeoutSeconds: 1.5\n"));
    }

    @Test
    void outOfRangeValuesNameTheAllowedRange() throws IOException {
        assertEquals(List.of(file() + ": server.idleTimeoutSeconds: 0 is out of range (allowed 1..3600) (line 2)"),
                problems("server:\n  idleTimeoutSeconds: 0\n"));
        assertEquals(List.of(file() + ": policy.velocityMaxApprovals: 33 is out of range (allowed 1..32) (line 2)"),
                problems("policy:\n  velocityMaxApprovals: 33\n"));
        assertEquals(List.of(file() + ": holds.lifetimeDays: 61 is out of range (allowed 1..60) (line 2)"),
                problems("holds:\n  lifetimeDays: 61\n"));
        assertEquals(List.of(file() + ": server.maxConnections: 99999999999999999999 is out of range (allowed 1..10000) (line 2)"),
                problems("server:\n  maxConnections: 99999999999999999999\n"));
        assertEquals(List.of(file() + ": pipeline.ringSize: 1000 is not a power of two (allowed: 64, 128, ... 1048576) (line 2)"),
                problems("pipeline:\n  ringSize: 1000\n"));
        assertEquals(List.of(file() + ": pipeline.maxBatch: 512 is larger than pipeline.ringSize (64) (line 3)"),
                problems("pipeline:\n  ringSize: 64\n  maxBatch: 512\n"));
        assertEquals(List.of(file() + ": server.writeBufferLowWaterMark: 65536 must be below server.writeBufferHighWaterMark (65536) (line 2)"),
                problems("server:\n  writeBufferLowWaterMark: 65536\n"));
    }

    @Test
    void choicesListTheAllowedValues() throws IOException {
        assertEquals(List.of(file() + ": pipeline.waitStrategy: \"spin\" is not allowed (allowed: blocking | sleeping | yielding | busy-spin) (line 2)"),
                problems("pipeline:\n  waitStrategy: spin\n"));
        assertEquals(List.of(file() + ": mode: \"prod\" is not allowed (allowed: demo | test | production) (line 1)"),
                problems("mode: prod\n"));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        List<String> problems = problems("""
                mode: demo
                server:
                  prot: 1
                  maxConnections: 0
                pipeline:
                  waitStrategy: fast
                journal:
                  fsync: sometimes
                extra: 1
                """);
        assertEquals(5, problems.size(), problems.toString());
        ConfigException exception = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("switch.yaml"), Overrides.NONE, Map.of()));
        assertTrue(exception.getMessage().startsWith("invalid configuration (5 problems):"), exception.getMessage());
    }

    @Test
    void policyListsAreCheckedItemByItem() throws IOException {
        assertEquals(List.of(file() + ": policy.blockedMccs.gifts: \"65X0\" is not a merchant category code (4 digits, 0000..9999) (line 3)"),
                problems("policy:\n  blockedMccs:\n    gifts: [6540, 65X0]\n"));
        assertEquals(List.of(file() + ": policy.cardPresentEntryModes: \"5\" is not two digits (write it in quotes, e.g. \"05\") (line 2)"),
                problems("policy:\n  cardPresentEntryModes: [\"5\"]\n"));
        assertEquals(List.of(file() + ": policy.timezone: \"Mars/Olympus\" is not a time zone (such as Asia/Tokyo) (line 2)"),
                problems("policy:\n  timezone: Mars/Olympus\n"));
        assertEquals(List.of(file() + ": policy.homeCountryAlpha: \"jp\" is not an ISO 3166 alpha-2 code (2 upper-case letters) (line 2)"),
                problems("policy:\n  homeCountryAlpha: jp\n"));
        assertEquals(List.of(file() + ": policy.blockedMerchantIds: \"MERCHANT-ID-TOO-LONG\" must be 1 to 15 printable ASCII characters (line 2)"),
                problems("policy:\n  blockedMerchantIds: [MERCHANT-ID-TOO-LONG]\n"));
    }

    @Test
    void policyTableIsTheUsersOwnAndCodesKeepLeadingZeros() throws IOException {
        PolicyConfig policy = load("""
                policy:
                  blockedMccs:
                    pets: [0742]
                    gifts: [6540]
                  blockedNamePatterns: [" gift card "]
                  cardPresentEntryModes: [05, 90]
                """).policy();
        assertEquals(Map.of("pets", List.of(742), "gifts", List.of(6540)), policy.blockedMccs());
        assertEquals(List.of("pets", "gifts"), List.copyOf(policy.blockedMccs().keySet()));
        assertEquals(List.of("GIFT CARD"), policy.blockedNamePatterns());
        assertEquals(List.of("05", "90"), policy.cardPresentEntryModes());
        assertThrows(UnsupportedOperationException.class, () -> policy.blockedMccs().put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> policy.blockedMccs().get("gifts").add(1));
    }

    @Test
    void overridesReplaceTheFilesValues() {
        Path dataDir = dir.resolve("elsewhere");
        SwitchConfig config = ConfigLoader.load(shippedConfig(),
                Overrides.NONE.withPort(0).withHttpPort(0).withDataDir(dataDir), Map.of());
        assertEquals(0, config.server().port());
        assertFalse(config.http().enabled());
        assertEquals(dataDir, config.data().dir());
        assertEquals("jdbc:sqlite:" + dataDir + "/ledger/ledger.db", config.ledger().url());
    }

    @Test
    void overridesAreValidatedAndNamedByTheirOption() {
        ConfigException exception = assertThrows(ConfigException.class, () -> ConfigLoader.load(shippedConfig(),
                Overrides.NONE.withPort(70_000).withHttpPort(-1), Map.of()));
        assertEquals(List.of("--port: 70000 is out of range (allowed 0..65535)",
                "--http-port: -1 is out of range (allowed 0..65535)"), exception.problems());
    }

    @Test
    void fileNamesAndSyntaxErrorsAreReported() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(List.of(missing + ": no such file (give another one with --config FILE)"),
                assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Overrides.NONE, Map.of())).problems());
        String problem = problems("server:\n  port: 1\n   host: x\n").getFirst();
        assertTrue(problem.startsWith(file() + ": not valid YAML at line 3"), problem);
        assertEquals(List.of(file() + ": server.port: duplicate key (line 3)"), problems("server:\n  port: 1\n  port: 2\n"));
        Files.write(dir.resolve("switch.yaml"), new byte[] {'m', 'o', 'd', 'e', ':', ' ', (byte) 0xC3, '\n'});
        assertEquals(List.of(file() + ": the file is not valid UTF-8"),
                assertThrows(ConfigException.class,
                        () -> ConfigLoader.load(dir.resolve("switch.yaml"), Overrides.NONE, Map.of())).problems());
    }

    @Test
    void yamlTagsNeverBuildObjects() throws IOException {
        List<String> problems = problems("server: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("tag"), problems.getFirst());
        assertTrue(problems("data:\n  dir: !custom ./x\n").getFirst().contains("tags are not allowed"));
    }

    @Test
    void ledgerUrlMustBeASqliteFileOrPostgresqlAndPasswordComesFromTheEnvironmentFirst() throws IOException {
        assertEquals(List.of(file() + ": ledger.url: expected a JDBC URL starting with jdbc:sqlite: (a file) or jdbc:postgresql:,"
                        + " got \"jdbc:mysql://db/\" (line 2)"),
                problems("ledger:\n  url: jdbc:mysql://db/ledger\n"));
        assertEquals(List.of(file() + ": ledger.url: expected a JDBC URL starting with jdbc:sqlite: (a file) or jdbc:postgresql:,"
                        + " got \"jdbc:h2:file:/tm\" (line 2)"),
                problems("ledger:\n  url: jdbc:h2:file:/tmp/x/ledger\n"), "H2 is gone");
        String notAFile = ": ledger.url: a SQLite ledger must be a file path (jdbc:sqlite:/var/lib/tatekae/ledger.db), not an"
                + " in-memory or URI database: the ledger keeps the money record (line 2)";
        assertEquals(List.of(file() + notAFile), problems("ledger:\n  url: 'jdbc:sqlite::memory:'\n"));
        assertEquals(List.of(file() + notAFile), problems("ledger:\n  url: 'jdbc:sqlite:'\n"));
        assertEquals(List.of(file() + notAFile), problems("ledger:\n  url: 'jdbc:sqlite:file:/x/l.db?mode=memory'\n"));
        assertEquals(List.of(file() + ": ledger.url: remove the parameters after '?' from the SQLite URL: the ledger sets"
                        + " journal_mode=WAL, synchronous=FULL, foreign keys and the busy timeout itself (line 2)"),
                problems("ledger:\n  url: jdbc:sqlite:/x/l.db?synchronous=OFF\n"));
        assertEquals("jdbc:sqlite:" + Path.of("rel/l.db").toAbsolutePath(), load("ledger:\n  url: jdbc:sqlite:rel/l.db\n").ledger().url(),
                "a relative file is made absolute, so the child poster opens the same one");
        Path file = write("ledger:\n  url: jdbc:postgresql://db:5432/tatekae\n  password: from-file\n");
        LedgerConfig fromFile = ConfigLoader.load(file, Overrides.NONE, Map.of()).ledger();
        assertEquals("from-file", fromFile.password());
        assertFalse(fromFile.toString().contains("from-file"));
        LedgerConfig fromEnv = ConfigLoader.load(file, Overrides.NONE,
                Map.of(ConfigLoader.ENV_LEDGER_PASSWORD, "from-env")).ledger();
        assertEquals("from-env", fromEnv.password());
    }

    @Test
    void thePosterRunsInAChildProcessByDefaultAndItsSettingsAreChecked() throws IOException {
        assertEquals(PosterMode.CHILD, load("mode: test\n").ledger().poster());
        assertEquals(PosterMode.IN_PROCESS, load("ledger:\n  poster: in-process\n").ledger().poster());
        assertEquals(PosterMode.EXTERNAL, load("ledger:\n  poster: external\n").ledger().poster(), "SQLite too: one writer, readers read-only");
        assertEquals(PosterMode.EXTERNAL, load("ledger:\n  url: jdbc:postgresql://db:5432/tatekae\n  poster: external\n").ledger().poster());
        LedgerConfig child = load("ledger:\n  childHeapMb: 512\n  childScheduling: normal\n  commitIntervalMillis: 0\n").ledger();
        assertEquals(512, child.childHeapMb());
        assertFalse(child.childIdle());
        assertEquals(0, child.commitIntervalMillis(), "0: every batch commits at once");
        assertEquals(List.of(file() + ": ledger.commitIntervalMillis: 20000 is out of range (allowed 0..10000) (line 2)",
                        file() + ": ledger.poster: \"separate\" is not allowed (allowed: in-process | child | external) (line 3)",
                        file() + ": ledger.childHeapMb: 32 MB is too small (0 = sized from the configuration, or 64..16384) (line 4)",
                        file() + ": ledger.childScheduling: \"fifo\" is not allowed (allowed: idle | normal) (line 5)"),
                problems("ledger:\n  commitIntervalMillis: 20000\n  poster: separate\n  childHeapMb: 32\n  childScheduling: fifo\n"));
    }
}
