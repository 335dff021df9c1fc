package io.tatekae.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MaskedPanTest {

    @Test
    void showsFirstSixAndLastFour() {
        assertEquals("354099******1007", MaskedPan.of("3540990000001007"));
        assertEquals("354099**1234", MaskedPan.of("354099001234"));
        assertEquals("354099*********1234", MaskedPan.of("3540990000000001234"));
    }

    @Test
    void masksEverythingWhenShorterThanAPan() {
        assertEquals("***********", MaskedPan.of("35409900000"));
        assertEquals("", MaskedPan.of(""));
    }

    @Test
    void reducesOverlongInputToItsLength() {
        assertEquals("<25 characters>", MaskedPan.of("3540990000001007000000000"));
    }

    @Test
    void masksIntoABufferWithoutAllocating() {
        byte[] frame = "..3540990000001007..".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[MaskedPan.MAX_LENGTH];
        int len = MaskedPan.mask(frame, 2, 16, out, 0);
        assertEquals("354099******1007", new String(out, 0, len, StandardCharsets.US_ASCII));
    }
}
