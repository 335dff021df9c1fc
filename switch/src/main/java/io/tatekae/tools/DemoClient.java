package io.tatekae.tools;

import io.tatekae.engine.cav2.CardVerificationKeys;
import io.tatekae.engine.cav2.Cav2Calculator;
import io.tatekae.spec.Packagers;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.CSChannel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/client}: a stock jPOS client (CSChannel + the project's packager) that signs on,
 * sends one request and prints the answer. For trying the switch by hand with the demo cards.
 */
public final class DemoClient {
    private static final String USAGE = """
            Usage: scripts/client [--host H] [--port N] KIND --pan PAN --expiry YYMM [options]
              KIND        purchase | refund | balance | echo
              --amount N  yen (default 4980; balance inquiries send 0)
              --name S    cardholder name as typed (DE 48 tag 01; default: none)
              --cav2 NNN  card security code (default: computed with the test keys, as a customer would type it)
              --no-cav2   send no CAV2
              --mcc NNNN  merchant category (default 5732, electronics)
              --entry NNN DE 22 (default 810, e-commerce)
            """;
    private static final DateTimeFormatter DE7 = DateTimeFormatter.ofPattern("MMddHHmmss");

    private DemoClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        if (o == null) {
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        CSChannel channel = new CSChannel(o.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(o.getOrDefault("port", "8583")), Packagers.genericPackager());
        channel.setTimeout(5000);
        channel.connect();
        try {
            int stan = (int) (System.nanoTime() / 1000 % 900_000) + 100_000;
            ISOMsg signOn = exchange(channel, networkManagement(stan, "001"));
            System.out.println("sign-on: DE 39 " + signOn.getString(39));
            ISOMsg response = exchange(channel, "echo".equals(o.get("kind"))
                    ? networkManagement(stan + 1, "301") : request(o, stan + 1));
            print(response);
            exchange(channel, networkManagement(stan + 2, "002"));
        } finally {
            channel.disconnect();
        }
    }

    private static ISOMsg exchange(CSChannel channel, ISOMsg m) throws IOException, ISOException {
        channel.send(m);
        return channel.receive();
    }

    private static ISOMsg networkManagement(int stan, String code) throws ISOException {
        ISOMsg m = new ISOMsg("0800");
        m.set(7, now());
        m.set(11, String.format("%06d", stan));
        m.set(70, code);
        return m;
    }

    private static ISOMsg request(Map<String, String> o, int stan) throws ISOException {
        String kind = o.get("kind");
        String pan = required(o, "pan");
        String expiry = required(o, "expiry");
        long amount = "balance".equals(kind) ? 0 : Long.parseLong(o.getOrDefault("amount", "4980"));
        ISOMsg m = new ISOMsg("0100");
        m.set(2, pan);
        m.set(3, switch (kind) {
            case "refund" -> "200000";
            case "balance" -> "300000";
            default -> "000000";
        });
        m.set(4, String.format("%012d", amount));
        m.set(7, now());
        m.set(11, String.format("%06d", stan));
        m.set(14, expiry);
        m.set(18, o.getOrDefault("mcc", "5732"));
        m.set(19, "392");
        m.set(22, o.getOrDefault("entry", "810"));
        m.set(25, "59");
        m.set(32, "123456");
        m.set(37, String.format("%012d", stan));
        m.set(41, "TERM0001");
        m.set(42, "MERCHANT0000001");
        m.set(43, "TATEKAE DENKI ONLINE     TOKYO        JP");
        m.set(48, additionalData(o, pan, expiry));
        m.set(49, "392");
        m.set(61, "0005000000000392");
        return m;
    }

    private static String additionalData(Map<String, String> o, String pan, String expiry) {
        StringBuilder tlv = new StringBuilder();
        if (o.containsKey("name")) {
            tlv.append("01").append(String.format("%02d", o.get("name").length())).append(o.get("name"));
        }
        tlv.append("420205");
        if (!o.containsKey("no-cav2")) {
            tlv.append("9203").append(o.getOrDefault("cav2", testKeyCav2(pan, expiry)));
        }
        return tlv.toString();
    }

    /** What the customer would read off the card in the app, under the published test keys. */
    private static String testKeyCav2(String pan, String expiry) {
        Cav2Calculator cav2 = new Cav2Calculator(CardVerificationKeys.fromHex(
                System.getenv().getOrDefault("TATEKAE_CVK_A", "0123456789ABCDEF"),
                System.getenv().getOrDefault("TATEKAE_CVK_B", "FEDCBA9876543210")));
        byte[] p = pan.getBytes(StandardCharsets.US_ASCII);
        return String.format("%03d", cav2.compute(p, 0, p.length, Integer.parseInt(expiry), Cav2Calculator.CAV2_SERVICE_CODE));
    }

    private static void print(ISOMsg r) {
        System.out.println(r.getString(0) + ": DE 39 " + r.getString(39)
                + (r.hasField(38) ? ", DE 38 " + r.getString(38) : "")
                + (r.hasField(48) ? ", DE 48 " + r.getString(48) : "")
                + (r.hasField(54) ? ", DE 54 " + r.getString(54) : ""));
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DE7);
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-cav2")) {
                o.put("no-cav2", "");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                o.put(a.substring(2), args[++i]);
            } else if (!a.startsWith("--") && !o.containsKey("kind")) {
                o.put("kind", a);
            } else {
                return null;
            }
        }
        String kind = o.get("kind");
        return kind != null && List.of("purchase", "refund", "balance", "echo").contains(kind) ? o : null;
    }
}
