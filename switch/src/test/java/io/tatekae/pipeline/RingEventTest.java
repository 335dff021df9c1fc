package io.tatekae.pipeline;

import io.tatekae.iso.FormatError;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.spec.ProfileSpec;
import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No CAV2 stays in a ring slot once its event is released, whether or not the frame was well formed. */
class RingEventTest {
    private static final InboundDecoder DECODER = new InboundDecoder(ProfileSpec.load());
    private static final TestCards CARD = TestCards.TARO;

    private static RingEvent decoded(ISOMsg m) {
        byte[] message = IsoTestClient.pack(m);
        RingEvent e = new RingEvent();
        System.arraycopy(message, 0, e.frame, 0, message.length);
        e.length = message.length;
        DECODER.decode(e.frame, e.length, e.fields, e.request);
        return e;
    }

    private static String text(RingEvent e) {
        return new String(e.frame, 0, e.length, StandardCharsets.ISO_8859_1);
    }

    private static final String CAV2_TLV = "9203" + Messages.cav2(CARD.pan, CARD.expiry);

    @Test
    void wellFormedFrameKeepsItsBytesButNotItsCav2() {
        RingEvent e = decoded(CARD.purchase(4980, "000001"));
        assertEquals(FormatError.NONE, e.fields.error());
        assertTrue(text(e).contains(CAV2_TLV));
        e.release();
        assertFalse(text(e).contains(CAV2_TLV));
        assertTrue(text(e).contains("9203000"));
        assertTrue(text(e).contains(CARD.name), "the rest of the frame stays for the batch's commit");
    }

    @Test
    void malformedFrameIsWipedWhole() {
        ISOMsg m = CARD.purchase(4980, "000002");
        Messages.set(m, 42, null);
        RingEvent e = decoded(m);
        assertEquals(FormatError.MISSING_FIELD, e.fields.error());
        assertTrue(text(e).contains(CAV2_TLV));
        e.release();
        for (int i = 0; i < e.length; i++) {
            assertEquals(0, e.frame[i], "byte " + i + " of a released malformed frame");
        }
    }
}
