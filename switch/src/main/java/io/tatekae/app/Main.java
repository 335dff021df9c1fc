package io.tatekae.app;

import io.tatekae.config.ConfigException;
import io.tatekae.config.ConfigLoader;
import io.tatekae.config.SwitchConfig;
import io.tatekae.state.provision.ProvisioningReport;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/** {@code scripts/run}: parse the command line, load and validate configuration, start, run until signalled. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine.Options options;
        try {
            options = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("tatekae: " + e.getMessage());
            System.err.println(CommandLine.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(CommandLine.usage());
            return;
        }
        if (options.version()) {
            System.out.println("tatekae " + Main.class.getPackage().getImplementationVersion());
            return;
        }
        SwitchConfig config;
        try {
            config = ConfigLoader.load(options.config(), options.overrides());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(config, options);
    }

    private static void run(SwitchConfig config, CommandLine.Options options) throws Exception {
        SwitchApp app = SwitchApp.open(config, InstantSource.system());
        for (Path provision : options.provisionFor(config.mode()).stream().toList()) {
            ProvisioningReport report = app.provision(provision);
            System.out.println("provisioned from " + provision + ": " + report.describe());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "tatekae-shutdown"));
        app.start();
        System.out.println("tatekae listening on " + config.server().host() + ":" + app.port() + " (Ctrl-C stops)");
        stopped.await();
    }
}
