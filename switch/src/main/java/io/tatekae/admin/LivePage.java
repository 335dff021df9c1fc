package io.tatekae.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The live page for ops ({@code GET /live}): one self-contained HTML file on the classpath, read once. */
final class LivePage {
    private static final String RESOURCE = "/io/tatekae/admin/live.html";

    private LivePage() {
    }

    private static final class Holder {
        static final String HTML = load();
    }

    static String html() {
        return Holder.HTML;
    }

    private static String load() {
        try (InputStream in = LivePage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the live page " + RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the live page " + RESOURCE, e);
        }
    }
}
