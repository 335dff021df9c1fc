package io.tatekae.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.util.HexFormat;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;

class PackagersTest {
    private static final String SIGN_ON = "303830308220000000000000040000000000000031313233313135393539303030313030303031";

    @Test
    void genericPackagerReadsTheSampleSignOn() throws Exception {
        ISOMsg message = new ISOMsg();
        message.setPackager(Packagers.genericPackager());
        byte[] frame = HexFormat.of().parseHex(SIGN_ON);
        assertEquals(frame.length, message.unpack(frame));
        assertEquals("0800", message.getMTI());
        assertEquals("1123115959", message.getString(7));
        assertEquals("000100", message.getString(11));
        assertEquals("001", message.getString(70));
        assertEquals(SIGN_ON, HexFormat.of().formatHex(message.pack()));
    }

    /**
     * jPOS validates against the DOCTYPE's DTD: for a system id it does not know it goes to the
     * network (here a closed local port, so it fails); ours is the id it maps to the DTD in its jar.
     */
    @Test
    void theDtdComesFromJposJarNotTheNetwork() throws Exception {
        try (var in = PackagersTest.class.getResourceAsStream("/bad/jpos-unknown-dtd.xml")) {
            ISOException e = assertThrows(ISOException.class, () -> new GenericPackager(in));
            assertEquals(ConnectException.class, e.getNested().getClass(),
                    "control: jPOS tried to fetch the DTD");
        }
        GenericPackager packager = Packagers.genericPackager();
        assertEquals("org.jpos.iso.IFA_LLNUM", packager.getFieldPackager(2).getClass().getName());
    }
}
