package io.tatekae.app;

import io.tatekae.config.ConfigException;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.Overrides;
import io.tatekae.config.SwitchConfig;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.PanHasher;
import io.tatekae.state.provision.ProvisioningReport;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code scripts/provision FILE}: loads a provisioning file into the running switch (through its
 * HTTP port, on the decision thread) or, when no switch answers there, straight into the state
 * files of a stopped one. Keys, data folder and sizes come from the switch's own configuration.
 */
public final class ProvisionTool {
    private static final String USAGE = "usage: scripts/provision FILE [--config FILE] [--data-dir DIR] [--http-port N]";

    private ProvisionTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Returns the exit status: 0 every line used, 1 some lines rejected, 2 an error. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path file = null;
        Path config = ConfigLoader.DEFAULT_FILE;
        Overrides overrides = Overrides.NONE;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i));
                    case "--data-dir" -> overrides = overrides.withDataDir(Path.of(value(args, ++i)));
                    case "--http-port" -> overrides = overrides.withHttpPort(Integer.parseInt(value(args, ++i)));
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("which file?");
            }
        } catch (IllegalArgumentException e) {
            err.println("provision: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            err.println("provision: no such file: " + file);
            return 2;
        }
        try {
            SwitchConfig cfg = ConfigLoader.load(config, overrides, env);
            Integer online = cfg.http().enabled() ? postToRunningSwitch(cfg, file, out) : null;
            return online != null ? online : offline(cfg, file, out);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("provision: failed: " + e.getMessage());
            return 2;
        }
    }

    /** The exit status, or null when no switch answers on the HTTP port. */
    private static Integer postToRunningSwitch(SwitchConfig cfg, Path file, PrintStream out) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://" + cfg.http().host() + ":" + cfg.http().port() + "/admin/provision");
        HttpResponse<String> res;
        try {
            res = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        out.print("running switch at " + uri.getHost() + ":" + uri.getPort() + ": " + res.body());
        return switch (res.statusCode()) {
            case 200 -> 0;
            case 422 -> 1;
            default -> 2;
        };
    }

    private static int offline(SwitchConfig cfg, Path file, PrintStream out) throws IOException {
        out.println("no switch answers on the HTTP port: loading into the state files in " + cfg.data().dir()
                + " (stop the switch first if it runs with HTTP disabled)");
        try (ChronicleStateStore store = new ChronicleStateStore(cfg.data().dir(), cfg.state().maxCards(), cfg.state().maxAccounts())) {
            ProvisioningReport report = new CardProvisioner(store, new PanHasher(cfg.keys().panHashKey()),
                    BillingDriver.settings(cfg)).load(file);
            out.print(report.describe());
            return report.allLinesUsed() ? 0 : 1;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
