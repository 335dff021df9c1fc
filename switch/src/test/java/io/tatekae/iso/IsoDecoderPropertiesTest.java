package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated golden frames: the decoder never throws, and whatever it accepts the writer re-encodes to
 * the same bytes (so "accepted" always means "exactly the profile's layout").
 */
class IsoDecoderPropertiesTest {
    private static final List<GoldenVector> VECTORS = GoldenVector.all();

    private final IsoDecoder decoder = new IsoDecoder(OurCodec.SPEC);
    private final IsoWriter writer = new IsoWriter(OurCodec.SPEC);
    private final IsoFields fields = new IsoFields();

    record Mutation(int vector, int position, int value, int cut) { }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, VECTORS.size() - 1),
                Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 3)).as(Mutation::new);
    }

    @Property(tries = 3000)
    void decoderNeverThrowsAndWhatItAcceptsReencodesIdentically(@ForAll("mutations") Mutation m) {
        byte[] frame = VECTORS.get(m.vector()).bytes();
        frame[m.position() % frame.length] = (byte) m.value();
        int length = m.cut() == 0 ? frame.length - 1 - (m.position() % 5) : frame.length;
        FormatError error = decoder.decode(frame, 0, length, fields);
        assertEquals(error, fields.error());
        if (error == FormatError.NONE) {
            assertArrayEquals(Arrays.copyOf(frame, length), reencode(), "re-encoded bytes");
        } else {
            assertTrue(fields.errorField() >= -1 && fields.errorField() <= IsoFields.MAX_FIELD);
            assertTrue(!fields.has(fields.errorField()), "the failing field is not present");
        }
    }

    private byte[] reencode() {
        byte[] out = new byte[4096];
        writer.begin(out, 0, fields.mti());
        for (int de = 2; de <= IsoFields.MAX_FIELD; de++) {
            writer.echo(de, fields);
        }
        return Arrays.copyOf(out, writer.finish());
    }
}
