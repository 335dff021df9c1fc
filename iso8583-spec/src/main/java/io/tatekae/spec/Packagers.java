package io.tatekae.spec;

import java.io.IOException;
import java.io.InputStream;
import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;

/** jPOS packagers built from the same classpath resource as {@link ProfileSpec}. */
public final class Packagers {
    private Packagers() { }

    /**
     * A jPOS GenericPackager for the profile. The XML's DOCTYPE names the one system id that jPOS's
     * own entity resolver maps to the DTD inside its jar (ProfileSpec checks that), so nothing is
     * fetched over the network.
     */
    public static GenericPackager genericPackager() {
        ProfileSpec.load(); // validates the XML (and its DOCTYPE) with the hardened parser first
        try (InputStream in = Packagers.class.getResourceAsStream(ProfileSpec.PACKAGER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ProfileSpec.PACKAGER_RESOURCE + " is not on the classpath");
            }
            return new GenericPackager(in);
        } catch (ISOException | IOException e) {
            throw new IllegalStateException("jPOS cannot build a packager from " + ProfileSpec.PACKAGER_RESOURCE
                    + ": " + e.getMessage(), e);
        }
    }
}
