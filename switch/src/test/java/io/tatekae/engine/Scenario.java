package io.tatekae.engine;

import io.tatekae.testsupport.IsoTestClient;
import io.tatekae.testsupport.Messages;
import io.tatekae.testsupport.TestCards;
import io.tatekae.testsupport.TestSwitch;
import org.jpos.iso.ISOMsg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tatekae.testsupport.Messages.de54;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One signed-on connection to a real switch plus the assertions the scenario tests share. STANs come
 * from one counter per scenario so that no two requests on the switch share a duplicate key by accident
 * (all test messages carry the same DE 7 and DE 32).
 */
final class Scenario implements AutoCloseable {
    private static final AtomicInteger STANS = new AtomicInteger(200_000);

    final TestSwitch sw;
    final IsoTestClient client;

    Scenario(TestSwitch sw) {
        this.sw = sw;
        this.client = sw.connectSignedOn();
    }

    /** A fresh STAN, unique within this JVM (so unique on every switch a test starts). */
    static String stan() {
        return String.format("%06d", STANS.incrementAndGet());
    }

    ISOMsg send(ISOMsg request) {
        return client.request(request);
    }

    static ISOMsg purchase(TestCards card, long amount) {
        return card.purchase(amount, stan());
    }

    /** A balance inquiry (DE 3 30, DE 4 0) on the card, otherwise like its approvable purchase. */
    static ISOMsg balanceInquiry(TestCards card) {
        ISOMsg m = card.purchase(0, stan());
        Messages.set(m, 3, "300000");
        return m;
    }

    static ISOMsg refund(TestCards card, long amount) {
        ISOMsg m = card.purchase(amount, stan());
        Messages.set(m, 3, "200000");
        return m;
    }

    /** The available credit the switch reports for the card's account, by a balance inquiry. */
    long available(TestCards card) {
        ISOMsg r = send(balanceInquiry(card));
        assertEquals("00", r.getString(39), () -> "balance inquiry on " + card + ": " + r.getString(48));
        return de54(r);
    }

    /**
     * Sends a request that must be approved and returns the response, checking the approval's fields; a
     * purchase must also report its CAV2 and name results (tags 87 and 88).
     */
    ISOMsg approve(ISOMsg request) {
        ISOMsg r = send(request);
        assertApproved(r);
        if (request.getString(3).startsWith("00")) {
            Map<String, String> tags = de48(r);
            assertTrue(tags.containsKey("87") && tags.containsKey("88"), () -> "DE 48 " + r.getString(48));
        }
        return r;
    }

    static void assertApproved(ISOMsg r) {
        assertEquals("00", r.getString(39), () -> "expected approval, DE 48 " + r.getString(48));
        String authCode = r.getString(38);
        assertTrue(authCode != null && authCode.matches("[0-9A-Z]{6}"), () -> "DE 38 " + authCode);
        assertFalse(de48(r).containsKey("90"), () -> "approval with a reason code: " + r.getString(48));
        assertTrue(r.hasField(54), "approval without DE 54");
    }

    /** Asserts a decline: DE 39, reason code (DE 48 tag 90), no DE 38. */
    static void assertDeclined(ISOMsg r, String de39, String reason) {
        assertEquals(de39, r.getString(39), () -> "DE 39, DE 48 " + r.getString(48));
        assertEquals(reason, de48(r).get("90"), () -> "reason code in DE 48 " + r.getString(48));
        assertNull(r.getString(38), "a decline carries no DE 38");
    }

    /** DE 48 tag 87 (CAV2 result) and 88 (name result) as "87/88", e.g. "M/M"; null for a missing one. */
    static String results(ISOMsg r) {
        Map<String, String> tags = de48(r);
        return tags.get("87") + "/" + tags.get("88");
    }

    static Map<String, String> de48(ISOMsg r) {
        Map<String, String> tags = new LinkedHashMap<>();
        String s = r.getString(48);
        if (s == null) {
            return tags;
        }
        int p = 0;
        while (p + 4 <= s.length()) {
            String tag = s.substring(p, p + 2);
            int len = Integer.parseInt(s.substring(p + 2, p + 4));
            tags.put(tag, s.substring(p + 4, p + 4 + len));
            p += 4 + len;
        }
        assertEquals(s.length(), p, () -> "DE 48 TLV does not add up: " + s);
        return tags;
    }


    static String merchantName(String name, String city, String country) {
        return String.format("%-25s%-13s%s", name, city, country);
    }

    @Override
    public void close() {
        client.close();
    }
}
