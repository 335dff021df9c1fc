package io.tatekae.iso;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.Decision;
import io.tatekae.engine.Outcome;
import io.tatekae.net.Framing;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any bytes as one message, through everything the I/O thread does to it (strict decode, the
 * mandatory-field check, reading the engine's primitives; a message accepted as well formed must
 * re-encode to exactly its own bytes), then through the response the switch
 * would send: a 30 (or 12 for an MTI outside the profile) for a malformed request, a 91 for a
 * well-formed one (what the rejector sends). No exception may escape, every input is either a
 * well-formed message or carries a format error, and every response re-decodes strictly as a
 * complete response to its request.
 *
 * <p>Normal test runs execute the seed corpus in {@code MessageDecodingFuzzTestInputs/} (golden
 * vectors and sample frames); {@code scripts/fuzz} fuzzes for real (JAZZER_FUZZ=1).
 */
class MessageDecodingFuzzTest {
    private final InboundDecoder inbound = new InboundDecoder(OurCodec.SPEC);
    private final IsoDecoder strict = new IsoDecoder(OurCodec.SPEC);
    private final ResponseEncoder encoder = new ResponseEncoder(OurCodec.SPEC);
    private final IsoWriter writer = new IsoWriter(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();
    private final IsoFields response = new IsoFields();
    private final AuthRequest request = new AuthRequest();
    private final Decision decision = new Decision();
    private final byte[] out = new byte[2 * Framing.MAX_MESSAGE_BYTES];

    /** Jazzer replays seeds from this resource folder; a renamed test or method would silently leave only the empty input. */
    @Test
    void seedCorpusIsWhereJazzerLooks() throws Exception {
        URL seeds = getClass().getResource("MessageDecodingFuzzTestInputs/decodeAnyMessage");
        assertNotNull(seeds, "seed folder");
        try (var files = Files.list(Path.of(seeds.toURI()))) {
            assertTrue(files.count() >= 23, "seed inputs");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void decodeAnyMessage(byte[] input) {
        byte[] message = input.length > Framing.MAX_MESSAGE_BYTES
                ? Arrays.copyOf(input, Framing.MAX_MESSAGE_BYTES) : input;
        FormatError error = inbound.decode(message, message.length, fields, request);

        assertEquals(error, fields.error(), "the returned error is the recorded one");
        assertEquals(fields.mti(), request.mti, "the request carries the decoded MTI");
        if (error != FormatError.NONE) {
            assertTrue(fields.errorField() >= -1 && fields.errorField() <= IsoFields.MAX_FIELD, "error field in range");
        } else {
            assertEquals(0, MandatoryFields.check(fields), "a well-formed message has its mandatory fields");
            assertArrayEquals(message, reencode(), "a well-formed message is exactly the profile's layout");
        }
        boolean answerable = fields.mti() >= 0 && InboundDecoder.isRequestMti(fields.mti()) && fields.has(11);
        if (!answerable) {
            return;
        }
        Outcome outcome = error == FormatError.NONE ? Outcome.UNAVAILABLE
                : error == FormatError.BAD_MTI ? Outcome.UNSUPPORTED_TRANSACTION : Outcome.FORMAT_ERROR;
        decision.clear();
        decision.set(outcome);
        int written = encoder.encode(fields, decision, out, 0);
        assertResponseReDecodes(written, outcome);
    }

    /** Every decoded field written again by the writer: the bytes of a canonical message. */
    private byte[] reencode() {
        writer.begin(out, 0, fields.mti());
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            writer.echo(de, fields);
        }
        return Arrays.copyOf(out, writer.finish());
    }

    private void assertResponseReDecodes(int written, Outcome outcome) {
        int length = ((out[0] & 0xFF) << 8) | (out[1] & 0xFF);
        assertEquals(written - Framing.HEADER_BYTES, length, "header length");
        assertEquals(0, out[2] | out[3], "header bytes 3-4");
        FormatError again = strict.decode(out, Framing.HEADER_BYTES, length, response);
        // A request MTI outside the profile (an 0200, an 0840) is answered 12 under its own
        // response MTI, which is outside the profile too: the decoder reports that last, after
        // decoding every field, so the rest of the checks still hold.
        FormatError expected = Mti.isProfileMti(fields.mti()) ? FormatError.NONE : FormatError.BAD_MTI;
        assertEquals(expected, again, () -> "response re-decodes, error at DE " + response.errorField());
        assertEquals(fields.mti() + 10, response.mti(), "response MTI");
        assertEquals(0, MandatoryFields.check(response), "response has DE 39");
        assertTrue(response.sameValue(11, fields), "response echoes DE 11");
        assertTrue(response.valueEquals(39, new String(ResponseCodes.de39(outcome), StandardCharsets.US_ASCII)),
                "DE 39 of " + outcome);
    }
}
