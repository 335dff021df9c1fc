package io.tatekae.bench.load;

import io.tatekae.app.CardProvisioner;
import io.tatekae.app.PolicySettingsFactory;
import io.tatekae.config.SwitchConfig;
import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.AuthorizationEngine;
import io.tatekae.engine.Decision;
import io.tatekae.engine.EngineSeed;
import io.tatekae.engine.MessageKind;
import io.tatekae.engine.MoneyLog;
import io.tatekae.engine.Outcome;
import io.tatekae.engine.PolicySettings;
import io.tatekae.engine.TxnTable;
import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.iso.ResponseEncoder;
import io.tatekae.spec.Packagers;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.state.ChronicleStateStore;
import io.tatekae.state.LiveState;
import io.tatekae.state.PanHasher;
import io.tatekae.state.provision.ProvisioningReport;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOSource;
import org.jpos.iso.channel.CSChannel;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.util.Logger;
import org.jpos.util.SimpleLogListener;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The "stock jPOS" baseline: ISOServer + CSChannel + the project's GenericPackager, and an
 * ISORequestListener that hands each ISOMsg to the SAME decision engine as the switch (repacked to
 * bytes, decoded by the switch's decoder, decided, encoded by the switch's encoder, unpacked into an
 * ISOMsg and sent). One lock serializes the engine, which is single-threaded. No journal (money
 * changes are not made durable) and no per-connection sign-on state: compare it with a switch run
 * whose journal fsync is {@code none}.
 */
public final class JposBaselineServer implements AutoCloseable {
    private static final int MAX_SESSIONS = 256;

    private final ChronicleStateStore store;
    private final ISOServer server;
    private final Thread thread;
    private final int port;
    private final Path stateDir;

    /** @param stateDirOrNull where its card state goes (removed on close); null for a temporary folder */
    public JposBaselineServer(SwitchConfig config, Path cards, int port, Path stateDirOrNull) throws IOException {
        stateDir = stateDirOrNull == null ? Files.createTempDirectory("jpos-baseline-state") : Files.createDirectories(stateDirOrNull);
        store = new ChronicleStateStore(stateDir, config.state().maxCards(), config.state().maxAccounts());
        PanHasher hasher = new PanHasher(config.keys().panHashKey());
        ProvisioningReport report = new CardProvisioner(store, hasher).load(cards);
        if (!report.allLinesUsed()) {
            throw new IOException("the jPOS baseline could not load every line of " + cards + ": " + report.describe());
        }
        Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex(config.keys().cvkAHex(), config.keys().cvkBHex()));
        TxnTable txns = new TxnTable(Math.max(TxnTable.MIN_ENTRIES, config.holds().maxOpenHolds()));
        PolicySettings policy = PolicySettingsFactory.from(config.policy(), config.holds());
        LiveState live = new LiveState(store, config.state().maxCards(), config.state().maxAccounts(), policy.velocityMaxApprovals());
        AuthorizationEngine engine = new AuthorizationEngine(live, hasher, cav2, policy, InstantSource.system(), MoneyLog.NONE,
                txns, new EngineSeed(1, 0), config.pipeline().maxBatch());
        this.port = port == 0 ? freePort() : port;
        GenericPackager packager = Packagers.genericPackager();
        server = new ISOServer(this.port, new CSChannel(packager), MAX_SESSIONS);
        try {
            server.setConfiguration(new SimpleConfiguration()); // jPOS 3 makes its session executor here
        } catch (ConfigurationException e) {
            throw new IOException("jPOS ISOServer configuration: " + e.getMessage(), e);
        }
        server.addISORequestListener(new EngineListener(engine, packager));
        if (System.getenv("TATEKAE_JPOS_DEBUG") != null) {
            Logger logger = new Logger();
            logger.addListener(new SimpleLogListener(System.err));
            server.setLogger(logger, "jpos-baseline");
        }
        thread = new Thread(server, "jpos-baseline");
        thread.setDaemon(true);
        thread.start();
        waitUntilListening();
    }

    public int port() {
        return port;
    }

    private void waitUntilListening() throws IOException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            try (var s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
        throw new IOException("the jPOS baseline did not listen on port " + port + " within 5 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        store.close();
        try (var files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** ISOMsg in, the engine's answer out; the engine's buffers are reused under the lock. */
    private static final class EngineListener implements ISORequestListener {
        private final AuthorizationEngine engine;
        private final GenericPackager packager;
        private final ReentrantLock lock = new ReentrantLock();
        private final InboundDecoder decoder = new InboundDecoder(ProfileSpec.load());
        private final ResponseEncoder encoder = new ResponseEncoder(ProfileSpec.load());
        private final IsoFields fields = new IsoFields();
        private final AuthRequest request = new AuthRequest();
        private final Decision decision = new Decision();
        private final byte[] out = new byte[2 * FrameCodec.MAX_MESSAGE_BYTES];

        EngineListener(AuthorizationEngine engine, GenericPackager packager) {
            this.engine = engine;
            this.packager = packager;
        }

        @Override
        public boolean process(ISOSource source, ISOMsg m) {
            try {
                byte[] in = m.pack();
                ISOMsg response = new ISOMsg();
                response.setPackager(packager);
                lock.lock();
                try {
                    if (!decide(in)) {
                        return true;
                    }
                    int n = encoder.encode(fields, decision, out, 0);
                    response.unpack(Arrays.copyOfRange(out, FrameCodec.HEADER_BYTES, n)); // n counts the header
                } finally {
                    lock.unlock();
                }
                source.send(response);
            } catch (ISOException | IOException e) {
                System.err.println("jPOS baseline: could not answer: " + e.getMessage());
            }
            return true;
        }

        /** Fills {@link #decision}; false when the request gets no answer. */
        private boolean decide(byte[] in) {
            decision.clear();
            FormatError error = decoder.decode(in, in.length, fields, request);
            if (error != FormatError.NONE) {
                decision.set(error == FormatError.BAD_MTI ? Outcome.UNSUPPORTED_TRANSACTION : Outcome.FORMAT_ERROR);
                return fields.mti() >= 0 && fields.has(11);
            }
            if (request.kind == MessageKind.NETWORK_MANAGEMENT) {
                decision.set(Outcome.APPROVED);
            } else if (request.kind == MessageKind.UNSUPPORTED) {
                decision.set(Outcome.UNSUPPORTED_TRANSACTION);
            } else {
                engine.decide(request, decision);
                if (!engine.endOfBatch()) {
                    engine.batchFailed();
                    decision.clear();
                    decision.set(Outcome.UNAVAILABLE);
                }
            }
            return true;
        }
    }
}
