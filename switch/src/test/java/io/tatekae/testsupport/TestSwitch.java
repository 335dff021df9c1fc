package io.tatekae.testsupport;

import io.tatekae.app.SwitchApp;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.MoneyLog;
import io.tatekae.journal.SegmentFiles;
import io.tatekae.state.provision.ProvisioningReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real switch in this JVM for tests: real TCP on a free loopback port, real files under a
 * temporary data folder, test keys, small tables. Extra YAML lines override the test defaults.
 */
public final class TestSwitch implements AutoCloseable {
    /** The test switch's holds section (a small transaction table); a poster started beside it needs the same. */
    public static final String HOLDS_YAML = "holds:\n  lifetimeDays: 7\n  maxOpenHolds: 65536\n";
    public static final String TEST_CARDS = "/provisioning/test-cards.jsonl";
    /**
     * A journal that snapshots every 1,000 records, keeps the two newest snapshots and deletes the segments
     * they and the ledger hold; 1 MiB segments and no fsync, so a test soon has segments to delete.
     */
    public static final String SNAPSHOT_RETENTION_YAML = """
            journal:
              fsync: none
              segmentBytes: 1048576
              snapshotEveryRecords: 1000
              snapshotsKept: 2
              retention: delete
            """;

    private final SwitchApp app;
    private final Path dataDir;
    private final SwitchConfig config;

    private TestSwitch(SwitchApp app, Path dataDir, SwitchConfig config) {
        this.app = app;
        this.dataDir = dataDir;
        this.config = config;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A started switch with the test cards provisioned and default test configuration. */
    public static TestSwitch start(Path dataDir) {
        return builder(dataDir).start();
    }

    public int port() {
        return app.port();
    }

    /** The HTTP port (see {@link Builder#httpEnabled()}), or -1 when HTTP is off. */
    public int httpPort() {
        return app.httpPort();
    }

    public SwitchApp app() {
        return app;
    }

    public Path dataDir() {
        return dataDir;
    }

    public SwitchConfig config() {
        return config;
    }

    public IsoTestClient connect() {
        return IsoTestClient.connect(port());
    }

    /** A connected client that has already signed on. */
    public IsoTestClient connectSignedOn() {
        IsoTestClient c = connect();
        c.signOn();
        return c;
    }

    @Override
    public void close() {
        app.close();
    }

    public static final class Builder {
        private final Path dataDir;
        private final StringBuilder yaml = new StringBuilder();
        private InstantSource clock = InstantSource.system();
        private String cardsResource = TEST_CARDS;
        private int httpPort;
        private Path cardsFile;
        private UnaryOperator<MoneyLog> moneyLog = UnaryOperator.identity();
        private SegmentFiles journalFiles = SegmentFiles.DISK;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Raw YAML lines appended to the test configuration (sections must not repeat). */
        public Builder yaml(String lines) {
            yaml.append(lines).append('\n');
            return this;
        }

        public Builder clock(InstantSource c) {
            clock = c;
            return this;
        }

        /** Serves HTTP (/health, /metrics, /live, admin) on a free loopback port: see {@code app().httpPort()}. */
        public Builder httpEnabled() {
            httpPort = freeLoopbackPort();
            return this;
        }

        private static int freeLoopbackPort() {
            try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port for HTTP", e);
            }
        }

        /** Fault injection: the switch's journal-backed money log passes through {@code decorator}. */
        /** Opens the journal's segment files through {@code files} (storage-fault tests). */
        public Builder journalFiles(SegmentFiles files) {
            journalFiles = files;
            return this;
        }

        public Builder moneyLog(UnaryOperator<MoneyLog> decorator) {
            moneyLog = decorator;
            return this;
        }

        /** A JSON Lines provisioning file to load instead of the classpath test cards. */
        public Builder cardsFile(Path file) {
            cardsFile = file;
            cardsResource = null;
            return this;
        }

        /** A classpath JSON Lines resource to provision, or null for none. */
        public Builder cards(String resource) {
            cardsResource = resource;
            cardsFile = null;
            return this;
        }

        public TestSwitch start() {
            try {
                // A file, as in production: a child poster (ledger.poster: child) reads the same one.
                Files.createDirectories(dataDir);
                Path file = Files.writeString(dataDir.resolve("test-switch.yaml"), withPoster(baseYaml() + yaml));
                SwitchConfig config = ConfigLoader.load(file,
                        Overrides.NONE.withDataDir(dataDir).withPort(0).withHttpPort(httpPort), Map.of());
                SwitchApp app = SwitchApp.open(config, clock, moneyLog, journalFiles);
                Path cards = cardsFile;
                if (cardsResource != null) {
                    cards = dataDir.resolve("cards.jsonl");
                    try (var in = TestSwitch.class.getResourceAsStream(cardsResource)) {
                        if (in == null) {
                            throw new IllegalArgumentException("no test resource " + cardsResource);
                        }
                        Files.createDirectories(dataDir);
                        Files.copy(in, cards, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                if (cards != null) {
                    ProvisioningReport report = app.provision(cards);
                    if (!report.allLinesUsed()) {
                        throw new IllegalStateException("test cards did not all load: " + report.describe());
                    }
                }
                app.start();
                return new TestSwitch(app, dataDir, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The poster runs in the test's JVM (its counters are asserted) unless the test says otherwise. */
        private static String withPoster(String text) {
            if (text.contains("poster:")) {
                return text;
            }
            return text.contains("\nledger:\n") ? text.replace("\nledger:\n", "\nledger:\n  poster: in-process\n")
                    : text + "ledger:\n  poster: in-process\n";
        }

        private String baseYaml() {
            boolean hasServer = yaml.indexOf("server:") >= 0;
            boolean hasHolds = yaml.indexOf("holds:") >= 0;
            boolean hasPipeline = yaml.indexOf("pipeline:") >= 0;
            boolean hasJournal = yaml.indexOf("journal:") >= 0;
            return "mode: test\n"
                    + (hasServer ? "" : "server:\n  host: 127.0.0.1\n")
                    + "state:\n  maxCards: 1000\n  maxAccounts: 1000\n"
                    + (hasHolds ? "" : HOLDS_YAML)
                    + (hasPipeline ? "" : "pipeline:\n  ringSize: 1024\n  waitStrategy: blocking\n  maxBatch: 128\n")
                    + (hasJournal ? "" : "journal:\n  fsync: none\n");
        }
    }
}
