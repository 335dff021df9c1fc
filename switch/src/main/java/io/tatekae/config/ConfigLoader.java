package io.tatekae.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code config/switch.yaml} into a {@link SwitchConfig}: every key is checked (unknown keys,
 * types, ranges, production safety), command-line overrides and environment variables are applied on
 * top, and all problems are reported together in one {@link ConfigException}.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_FILE = Path.of("config", "switch.yaml");
    public static final String ENV_LEDGER_PASSWORD = "TATEKAE_LEDGER_PASSWORD";
    public static final String DATA_DIR_PLACEHOLDER = "${data.dir}";

    private static final int MAX_PORT = 65_535;
    private static final int MAX_BUFFER_MARK = 16 << 20;
    private static final int MAX_COUNT = 100_000_000;
    /**
     * The transaction table keeps 350 to 670 bytes per entry in memory (2 to 4 slots of 128 bytes, its
     * clearing index, its FIFOs), and its slots must fit in one Java array: TxnTable.MAX_ENTRIES, 2^25.
     */
    private static final int MAX_OPEN_HOLDS = 33_554_432;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]{1,253}");

    private ConfigLoader() {
    }

    /** Loads and validates {@code file}; secrets may come from the process environment. */
    public static SwitchConfig load(Path file, Overrides overrides) {
        return load(file, overrides, System.getenv());
    }

    /** As {@link #load(Path, Overrides)}, with the environment given (tests). */
    public static SwitchConfig load(Path file, Overrides overrides, Map<String, String> env) {
        Problems problems = new Problems(file.toString());
        Node root = YamlFiles.read(file, problems);
        problems.throwIfAny();
        return read(root, overrides, env, problems, file.toAbsolutePath().normalize());
    }

    /** Validates YAML text as if it were the file {@code sourceName}. */
    public static SwitchConfig parse(String yaml, String sourceName, Overrides overrides, Map<String, String> env) {
        Problems problems = new Problems(sourceName);
        Node root = YamlFiles.compose(yaml, problems);
        problems.throwIfAny();
        return read(root, overrides, env, problems, null);
    }

    private static SwitchConfig read(Node root, Overrides overrides, Map<String, String> env, Problems problems, Path file) {
        YamlSection top = new YamlSection(problems, "", root);
        Mode mode = Mode.fromConfigName(top.choice("mode", "demo", Mode.NAMES));
        ServerConfig server = server(top.section("server"), overrides.port(), problems);
        HttpConfig http = http(top.section("http"), overrides.httpPort(), problems);
        PipelineConfig pipeline = pipeline(top.section("pipeline"));
        DataConfig data = data(top.section("data"), overrides, problems);
        YamlSection stateSection = top.section("state");
        StateConfig state = new StateConfig(
                stateSection.number("maxCards", 1_000_000, 1, MAX_COUNT),
                stateSection.number("maxAccounts", 1_000_000, 1, MAX_COUNT));
        KeysConfig keys = KeysReader.read(top.section("keys"), mode, env, problems);
        PolicyConfig policy = PolicyReader.read(top.section("policy"));
        YamlSection holdsSection = top.section("holds");
        HoldsConfig holds = new HoldsConfig(
                holdsSection.number("lifetimeDays", 7, 1, 60),
                holdsSection.number("maxOpenHolds", 1_000_000, 1, MAX_OPEN_HOLDS));
        JournalConfig journal = journal(top.section("journal"), mode, data);
        LedgerConfig ledger = LedgerReader.read(top.section("ledger"), data, env);
        RecorderConfig recorder = recorder(top.section("recorder"), mode, data);
        BillingConfig billing = BillingReader.billing(top.section("billing"));
        IssuanceConfig issuance = BillingReader.issuance(top.section("issuance"));
        top.rejectUnknownKeys();
        problems.throwIfAny();
        return new SwitchConfig(mode, server, http, pipeline, data, state, keys, policy, holds, journal, ledger, recorder,
                billing, issuance, file);
    }

    private static ServerConfig server(YamlSection s, OptionalInt portOverride, Problems problems) {
        String host = host(s, "127.0.0.1");
        int port = override(s.number("port", 8583, 0, MAX_PORT), portOverride, "--port", problems);
        int idle = s.number("idleTimeoutSeconds", 300, 1, 3600);
        int frameDeadline = s.number("frameDeadlineMillis", 5000, 100, 60_000);
        int maxConnections = s.number("maxConnections", 64, 1, 10_000);
        int maxInFlight = s.number("maxInFlightPerConnection", 1024, 1, 65_536);
        int low = s.number("writeBufferLowWaterMark", 32 * 1024, 1024, MAX_BUFFER_MARK);
        int high = s.number("writeBufferHighWaterMark", 64 * 1024, 1024, MAX_BUFFER_MARK);
        if (low >= high) {
            s.problem("writeBufferLowWaterMark", low + " must be below " + s.pathOf("writeBufferHighWaterMark")
                    + " (" + high + ")");
        }
        TlsConfig tls = TlsReader.read(s.section("tls"));
        return new ServerConfig(host, port, idle, frameDeadline, maxConnections, maxInFlight, low, high, tls);
    }

    private static HttpConfig http(YamlSection s, OptionalInt portOverride, Problems problems) {
        String host = host(s, "127.0.0.1");
        int port = override(s.number("port", 8080, 0, MAX_PORT), portOverride, "--http-port", problems);
        return new HttpConfig(host, port);
    }

    private static String host(YamlSection s, String defaultHost) {
        String host = s.text("host", defaultHost);
        if (!HOST.matcher(host).matches()) {
            s.problem("host", "expected a host name or IP address (such as 127.0.0.1), got " + YamlSection.show(host));
            return defaultHost;
        }
        return host;
    }

    private static int override(int fileValue, OptionalInt override, String option, Problems problems) {
        if (override.isEmpty()) {
            return fileValue;
        }
        int value = override.getAsInt();
        if (value < 0 || value > MAX_PORT) {
            problems.atSource(option, value + " is out of range (allowed " + YamlSection.range(0, MAX_PORT) + ")");
            return fileValue;
        }
        return value;
    }

    private static PipelineConfig pipeline(YamlSection s) {
        ThreadingMode threading = ThreadingMode.fromConfigName(
                s.choice("threading", "run-to-completion", ThreadingMode.NAMES));
        int ringSize = s.number("ringSize", 4096, 64, 1 << 20);
        if (Integer.bitCount(ringSize) != 1) {
            s.problem("ringSize", ringSize + " is not a power of two (allowed: 64, 128, ... 1048576)");
            ringSize = 4096;
        }
        WaitStrategyKind wait = WaitStrategyKind.fromConfigName(
                s.choice("waitStrategy", "blocking", WaitStrategyKind.NAMES));
        int maxBatch = s.number("maxBatch", 256, 1, 65_536);
        if (maxBatch > ringSize) {
            s.problem("maxBatch", maxBatch + " is larger than " + s.pathOf("ringSize") + " (" + ringSize + ")");
        }
        return new PipelineConfig(threading, ringSize, wait, maxBatch);
    }

    private static DataConfig data(YamlSection s, Overrides overrides, Problems problems) {
        String fileDir = s.text("dir", "./data");
        String dir = overrides.dataDir().map(Path::toString).orElse(fileDir);
        try {
            return new DataConfig(Path.of(dir).toAbsolutePath().normalize());
        } catch (InvalidPathException invalid) {
            if (overrides.dataDir().isPresent()) {
                problems.atSource("--data-dir", "not a valid folder name: " + invalid.getReason());
            } else {
                s.problem("dir", "not a valid folder name: " + invalid.getReason());
            }
            return new DataConfig(Path.of("data").toAbsolutePath());
        }
    }

    private static JournalConfig journal(YamlSection s, Mode mode, DataConfig data) {
        FsyncMode fsync = FsyncMode.fromConfigName(s.choice("fsync", "durable", FsyncMode.NAMES));
        if (fsync == FsyncMode.NONE && mode == Mode.PRODUCTION) {
            s.problem("fsync", "none is refused in production mode: a crash could lose approved holds"
                    + " (use durable or batch)");
        }
        long segmentBytes = s.number("segmentBytes", 64L << 20, 1L << 20, 1L << 30);
        String retention = s.choice("retention", "delete", JournalConfig.RETENTIONS);
        String archive = s.text("archiveDir", DATA_DIR_PLACEHOLDER + "/journal-archive");
        Path archiveDir;
        try {
            archiveDir = Path.of(archive.replace(DATA_DIR_PLACEHOLDER, data.dir().toString())).toAbsolutePath().normalize();
        } catch (InvalidPathException invalid) {
            s.problem("archiveDir", "not a valid folder name: " + invalid.getReason());
            archiveDir = data.dir().resolve("journal-archive");
        }
        long everyRecords = s.number("snapshotEveryRecords", 1_000_000L, 1_000L, 1_000_000_000L);
        int everyMinutes = s.number("snapshotEveryMinutes", 10, 1, 1_440);
        int kept = s.number("snapshotsKept", 3, 1, 100);
        return new JournalConfig(fsync, segmentBytes, retention, archiveDir, everyRecords, everyMinutes, kept);
    }

    private static RecorderConfig recorder(YamlSection s, Mode mode, DataConfig data) {
        boolean enabled = Boolean.parseBoolean(s.choice("enabled", "false", List.of("true", "false")));
        String file = s.text("file", DATA_DIR_PLACEHOLDER + "/recording.bin");
        if (!enabled) {
            return RecorderConfig.DISABLED;
        }
        if (mode == Mode.PRODUCTION) {
            s.problem("enabled", "true is refused in production mode: a recording holds card numbers and"
                    + " cardholder names (record only in demo or test mode)");
            return RecorderConfig.DISABLED;
        }
        try {
            return new RecorderConfig(true, Path.of(file.replace(DATA_DIR_PLACEHOLDER, data.dir().toString()))
                    .toAbsolutePath().normalize());
        } catch (InvalidPathException invalid) {
            s.problem("file", "not a valid file name: " + invalid.getReason());
            return RecorderConfig.DISABLED;
        }
    }
}
