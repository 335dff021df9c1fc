package io.tatekae.recovery;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import org.jpos.iso.ISOMsg;

import java.util.concurrent.atomic.AtomicInteger;

import static io.tatekae.testsupport.Messages.de54;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the recovery tests send and read on the wire. STANs come from one counter per JVM, so no two
 * requests share a duplicate key (DE 7 and DE 32 are the same on every test message) by accident. A test
 * that starts a switch on a data folder of its own may take the whole space with {@link #newStanSpace()}.
 */
final class Wire {
    private static final int FIRST_STAN = 500_000;
    private static final AtomicInteger STANS = new AtomicInteger(FIRST_STAN);

    private Wire() {
    }

    /**
     * Starts the STANs again at the bottom of their range: only for a test whose switch has a fresh data
     * folder and ledger, which no earlier request of this JVM reached (the test classes run one at a time).
     */
    static void newStanSpace() {
        STANS.set(FIRST_STAN);
    }

    /** A STAN unique in this test JVM (the RRN is made from it); fails rather than wrap or grow a seventh digit. */
    static String stan() {
        int stan = STANS.incrementAndGet();
        if (stan > 999_999) {
            throw new IllegalStateException("test STANs used up (" + stan + "): a test sends too many requests; pace its load");
        }
        return String.format("%06d", stan);
    }

    static ISOMsg purchase(TestCards card, long amount) {
        return card.purchase(amount, stan());
    }

    /** A balance inquiry (DE 3 30, DE 4 0) on the card, otherwise like its approvable purchase. */
    static ISOMsg balanceInquiry(String pan, String expiry, String name, String stan) {
        ISOMsg m = Messages.purchase(pan, expiry, name, 0, stan);
        Messages.set(m, 3, "300000");
        return m;
    }

    /** The available credit the switch reports for the card's account, by a balance inquiry. */
    static long available(IsoTestClient client, String pan, String expiry, String name, String stan) {
        ISOMsg r = client.request(balanceInquiry(pan, expiry, name, stan));
        assertEquals("00", r.getString(39), () -> "balance inquiry answered DE 48 " + r.getString(48));
        return de54(r);
    }

    static long available(IsoTestClient client, TestCards card) {
        return available(client, card.pan, card.expiry, card.name, stan());
    }

    /** A full reversal (0400) of the original request. */
    static ISOMsg reversal(ISOMsg original) {
        return Messages.reversal("0400", original, stan(), null);
    }


    static void assertApproved(ISOMsg r) {
        assertEquals("00", r.getString(39), () -> "expected approval, DE 48 " + r.getString(48));
        String code = r.getString(38);
        assertTrue(code != null && code.matches("[0-9A-Z]{6}"), () -> "DE 38 " + code);
    }

    /** DE 48 tag 90 (the reason code), or null. */
    static String reason(ISOMsg r) {
        String s = r.getString(48);
        for (int p = 0; s != null && p + 4 <= s.length(); ) {
            int len = Integer.parseInt(s.substring(p + 2, p + 4));
            if (s.startsWith("90", p)) {
                return s.substring(p + 4, p + 4 + len);
            }
            p += 4 + len;
        }
        return null;
    }
}
