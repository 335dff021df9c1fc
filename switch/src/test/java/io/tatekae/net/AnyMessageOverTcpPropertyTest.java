package io.tatekae.net;

import io.tatekae.engine.AuthRequest;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jpos.iso.ISOMsg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Any message bytes in a correct frame, over a real TCP connection to a real switch: the switch
 * answers with a response jPOS can unpack (for the request's STAN) or, for a frame it cannot
 * answer, with nothing; the same connection then still answers an echo; and the switch never
 * counts an internal error or closes the connection.
 */
class AnyMessageOverTcpPropertyTest {
    private static final String ECHO_CODE = "301";
    private static TestSwitch sw;
    private static IsoTestClient client;
    private static Path dir;
    private static List<byte[]> bases;
    private static int echoStan = 900_000;
    private final InboundDecoder inbound = new InboundDecoder(ProfileSpec.load());
    private final IsoFields fields = new IsoFields();
    private final AuthRequest request = new AuthRequest();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("tatekae-anymessage");
        sw = TestSwitch.start(dir);
        client = sw.connectSignedOn();
        bases = baseMessages();
    }

    @AfterContainer
    static void stop() throws IOException {
        try {
            assertEquals(0, sw.app().pipeline().stats().internalErrors.sum(), "internal errors in the switch");
            assertEquals(1, sw.app().netStats().connectionsAccepted.sum(), "the one connection was never replaced");
        } finally {
            client.close();
            sw.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Golden vectors and sample frames (the fuzz seeds) and requests for the provisioned test cards. */
    private static List<byte[]> baseMessages() {
        List<byte[]> list = new ArrayList<>();
        try (Stream<Path> seeds = Files.list(Path.of(AnyMessageOverTcpPropertyTest.class
                .getResource("/io/tatekae/iso/MessageDecodingFuzzTestInputs/decodeAnyMessage").toURI()))) {
            seeds.sorted().forEach(p -> list.add(read(p)));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ISOMsg purchase = TestCards.TARO.purchase(1200, "000777");
        list.add(IsoTestClient.pack(purchase));
        list.add(IsoTestClient.pack(TestCards.HANAKO.purchase(800, "000778")));
        list.add(IsoTestClient.pack(Messages.reversal("0400", purchase, "000779", null)));
        list.add(IsoTestClient.pack(Messages.advice(TestCards.SPARE.purchase(500, "000780"), "000781", "00")));
        return list;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Edit(int position, int value) { }

    record Input(int base, List<Edit> edits, int cut, byte[] random) {
        byte[] message() {
            if (random != null) {
                return random;
            }
            byte[] m = bases.get(base % bases.size()).clone();
            for (Edit e : edits) {
                m[e.position() % m.length] = (byte) e.value();
            }
            int length = Math.max(1, m.length - cut);
            return Arrays.copyOf(m, length);
        }

        @Override
        public String toString() {
            return random != null ? "random " + HexFormat.of().formatHex(random)
                    : "base " + (base % bases.size()) + " edits " + edits + " cut " + cut;
        }
    }

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 255)).as(Edit::new);
        Arbitrary<Input> mutated = Combinators.combine(Arbitraries.integers().between(0, 1000),
                edit.list().ofMaxSize(4), Arbitraries.integers().between(0, 3).map(c -> c == 3 ? 1 : 0))
                .as((b, e, c) -> new Input(b, e, c, null));
        Arbitrary<Input> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)
                .map(r -> new Input(0, List.of(), 0, r));
        return Arbitraries.frequencyOf(
                Tuple.of(4, mutated),
                Tuple.of(1, random));
    }

    private static String describe(List<ISOMsg> responses) {
        StringBuilder b = new StringBuilder();
        for (ISOMsg m : responses) {
            b.append(m.getString(0)).append(" DE11=").append(m.getString(11)).append(" DE39=").append(m.getString(39))
                    .append(" DE70=").append(m.getString(70)).append("; ");
        }
        return b.toString();
    }

    @Property(tries = 400)
    void anyMessageGetsAResponseOrNoneAndTheConnectionStaysUsable(@ForAll("inputs") Input input) {
        byte[] message = input.message();
        // Whether the switch can answer at all (a request MTI and a readable DE 11), by the rule of
        // profile §2; responses are matched by STAN, not by order (profile §1).
        FormatError error = inbound.decode(message.clone(), message.length, fields, request);
        boolean answerable = fields.mti() >= 0 && InboundDecoder.isRequestMti(fields.mti()) && fields.has(11);
        String frameStan = answerable ? fields.valueString(11) : null;
        String stan = Integer.toString(++echoStan);
        client.sendMessage(message);
        client.send(Messages.networkManagement(stan, ECHO_CODE));

        boolean echoed = false;
        ISOMsg answer = null;
        List<ISOMsg> seen = new ArrayList<>();
        while (!echoed || answerable && answer == null) {
            ISOMsg r = client.receive();
            seen.add(r);
            if ("0810".equals(r.getString(0)) && ECHO_CODE.equals(r.getString(70)) && stan.equals(r.getString(11))) {
                echoed = true;
                assertEquals("00", r.getString(39), "the echo after the frame is answered 00");
            } else if (answerable && answer == null && frameStan.equals(r.getString(11))) {
                answer = r;
            } else {
                throw new AssertionError("unexpected response (" + error + " frame, answerable " + answerable
                        + "): " + describe(seen));
            }
        }
        if (answer != null) {
            assertEquals(String.format("%04d", fields.mti() + 10), answer.getString(0), "response MTI");
            assertNotNull(answer.getString(39), "a response carries DE 39");
        }
        assertEquals(0, sw.app().pipeline().stats().internalErrors.sum(), "internal errors in the switch");
    }
}
