package io.tatekae.app;

import io.netty.util.ResourceLeakDetector;
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

    /** Netty's system property: set it (e.g. {@code -Dio.netty.leakDetection.level=paranoid}) to track buffers. */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    public static void main(String[] args) throws Exception {
        disableBufferLeakTrackingUnlessAsked();
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

    /**
     * Netty samples one buffer in 128 for leak tracking by default, recording a stack trace (a
     * Throwable) each time the buffer is touched: thousands per second under load on the I/O and
     * decision threads (JFR). The switch's buffer handling is checked by the tests, which run with
     * Netty's default; a running switch tracks only when the property asks for it.
     */
    static void disableBufferLeakTrackingUnlessAsked() {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
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
            // java.util.logging resets its handlers in a shutdown hook of its own, so the logger may be gone by now.
            System.out.println("tatekae stopped (every request read was answered; journal closed)");
            stopped.countDown();
        }, "tatekae-shutdown"));
        app.start();
        System.out.println("tatekae listening on " + config.server().host() + ":" + app.port() + " (Ctrl-C stops)");
        stopped.await();
    }
}
