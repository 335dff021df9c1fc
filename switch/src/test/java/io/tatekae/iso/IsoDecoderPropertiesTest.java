package io.tatekae.iso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import io.tatekae.spec.FieldType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
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

    /**
     * Every message type of the golden vectors (each MTI with its field set), with every field
     * given a random value valid for its type and length: the writer's bytes decode strictly to the
     * same values, and re-encode to the same bytes.
     */
    @Property(tries = 2000)
    void everyMessageTypeRoundTripsWithRandomFieldValues(
            @ForAll("vectorIndexes") int vector, @ForAll long seed) {
        GoldenVector golden = VECTORS.get(vector);
        Random random = new Random(seed);
        SortedMap<Integer, String> values = new TreeMap<>();
        for (var field : golden.fields().entrySet()) {
            int de = field.getKey();
            if (de > 1) {
                values.put(de, de == 95 ? field.getValue() : randomValue(de, random));
            }
        }
        OurCodec codec = new OurCodec();
        byte[] bytes = codec.encode(golden.mti(), values);
        SortedMap<Integer, String> decoded = codec.decode(bytes);
        assertEquals(Integer.toString(golden.mti()), decoded.remove(0), "MTI");
        decoded.remove(1);
        assertEquals(values, decoded, golden.name() + ": decoded values");
        assertEquals(FormatError.NONE, decoder.decode(bytes, 0, bytes.length, fields));
        assertArrayEquals(bytes, reencode(), golden.name() + ": re-encoded bytes");
    }

    @Provide
    Arbitrary<Integer> vectorIndexes() {
        return Arbitraries.integers().between(0, VECTORS.size() - 1);
    }

    private static String randomValue(int de, Random random) {
        FieldType type = OurCodec.SPEC.type(de);
        int max = OurCodec.SPEC.maxLength(de);
        boolean fixed = type == FieldType.NUMERIC_FIXED || type == FieldType.TEXT_FIXED;
        int length = fixed ? max : random.nextInt(max + 1);
        if (de == 48) {
            return randomTlv(random, length);
        }
        boolean numeric = type == FieldType.NUMERIC_FIXED || type == FieldType.NUMERIC_LLVAR;
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(numeric ? (char) ('0' + random.nextInt(10)) : (char) (0x20 + random.nextInt(0x5F)));
        }
        return b.toString();
    }

    /** DE 48 subelements (2-digit tag, 2-digit length, printable value) filling at most {@code room} bytes. */
    private static String randomTlv(Random random, int room) {
        StringBuilder b = new StringBuilder();
        BitSet used = new BitSet(100); // a tag appears at most once
        while (room - b.length() >= 4 && random.nextInt(6) != 0) {
            int length = random.nextInt(Math.min(99, room - b.length() - 4) + 1);
            int tag = random.nextInt(100);
            if (used.get(tag)) {
                continue;
            }
            used.set(tag);
            b.append(String.format("%02d%02d", tag, length));
            for (int i = 0; i < length; i++) {
                b.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return b.toString();
    }

    /**
     * Found by the mutation property above: bit 1 set with a secondary bitmap naming no field was
     * accepted, although it does not re-encode to the same bytes. It is now a format error that
     * still leaves DE 11 readable (so the request is answered 30).
     */
    @Example
    void emptySecondaryBitmapIsAFormatErrorThatKeepsDe11() {
        GoldenVector signOn = VECTORS.stream().filter(v -> v.mti() == 800 && v.fields().containsKey(70)).findFirst()
                .orElseThrow();
        byte[] frame = signOn.bytes();
        Arrays.fill(frame, 12, 20, (byte) 0); // the secondary bitmap: no DE 70 any more
        int length = frame.length - 3;                  // and without DE 70's three digits
        assertEquals(FormatError.EMPTY_SECONDARY_BITMAP, decoder.decode(frame, 0, length, fields));
        assertEquals(1, fields.errorField());
        assertTrue(fields.has(11), "DE 11 is still read");
    }
}
