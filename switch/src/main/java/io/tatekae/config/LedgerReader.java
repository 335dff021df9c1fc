package io.tatekae.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads {@code ledger}: the database URL (SQLite file or PostgreSQL), its credentials, and where the poster runs. */
final class LedgerReader {
    static final String SQLITE = "jdbc:sqlite:";
    static final String POSTGRESQL = "jdbc:postgresql:";
    static final String DEFAULT_URL = SQLITE + ConfigLoader.DATA_DIR_PLACEHOLDER + "/ledger/ledger.db";
    static final int DEFAULT_COMMIT_INTERVAL_MILLIS = 1;

    private LedgerReader() {
    }

    static LedgerConfig read(YamlSection s, DataConfig data, Map<String, String> env) {
        String url = s.text("url", DEFAULT_URL);
        if (url.startsWith(SQLITE)) {
            url = sqliteUrl(s, url.replace(ConfigLoader.DATA_DIR_PLACEHOLDER, data.dir().toString()));
        } else if (url.startsWith(POSTGRESQL)) {
            url = url.replace(ConfigLoader.DATA_DIR_PLACEHOLDER, data.dir().toString());
        } else {
            s.problem("url", "expected a JDBC URL starting with jdbc:sqlite: (a file) or jdbc:postgresql:, got "
                    + YamlSection.show(url.length() > 16 ? url.substring(0, 16) : url));
        }
        String user = s.text("user", "");
        String filePassword = s.secret("password", "a password");
        String envPassword = env.get(ConfigLoader.ENV_LEDGER_PASSWORD);
        String password = envPassword != null ? envPassword : filePassword == null ? "" : filePassword;
        int batchSize = s.number("batchSize", 500, 1, 10_000);
        int commitIntervalMillis = s.number("commitIntervalMillis", DEFAULT_COMMIT_INTERVAL_MILLIS, 0, 10_000);
        PosterMode poster = PosterMode.fromConfigName(s.choice("poster", PosterMode.CHILD.configName(), PosterMode.NAMES));
        int childHeapMb = s.number("childHeapMb", 0, 0, 16_384);
        if (childHeapMb > 0 && childHeapMb < 64) {
            s.problem("childHeapMb", childHeapMb + " MB is too small (0 = sized from the configuration, or 64..16384)");
        }
        boolean childIdle = s.choice("childScheduling", "idle", List.of("idle", "normal")).equals("idle");
        return new LedgerConfig(url, user, password, batchSize, poster, childHeapMb, childIdle, commitIntervalMillis);
    }

    /**
     * A SQLite ledger is a file the switch's data survives with: no in-memory or temporary database, and
     * no URL parameters, because the ledger sets the ones crash safety depends on itself (WAL,
     * synchronous=FULL, foreign keys, busy timeout) and a parameter in the URL would override them.
     * A relative file is taken from the folder the switch starts in and made absolute here, so a child
     * poster and the switch name the same file.
     */
    private static String sqliteUrl(YamlSection s, String url) {
        String file = url.substring(SQLITE.length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:") || file.contains("mode=memory")) {
            s.problem("url", "a SQLite ledger must be a file path (jdbc:sqlite:/var/lib/tatekae/ledger.db), not an"
                    + " in-memory or URI database: the ledger keeps the money record");
            return url;
        }
        if (file.indexOf('?') >= 0) {
            s.problem("url", "remove the parameters after '?' from the SQLite URL: the ledger sets journal_mode=WAL,"
                    + " synchronous=FULL, foreign keys and the busy timeout itself");
            return url;
        }
        try {
            return SQLITE + Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException invalid) {
            s.problem("url", "not a valid file name: " + invalid.getReason());
            return url;
        }
    }
}
