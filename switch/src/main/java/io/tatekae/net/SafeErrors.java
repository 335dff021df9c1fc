package io.tatekae.net;

import io.netty.handler.ssl.NotSslRecordException;

import java.io.IOException;

/**
 * Describes a connection's error for a log line without the bytes that caused it: Netty's decoder
 * exceptions carry a hex dump of the offending input in their message (for a plain-TCP frame sent to
 * a TLS port, a PAN and a CAV2 in hex), so only class names, and the messages of the JDK's own
 * I/O errors ("Connection reset", TLS alerts), are shown.
 */
final class SafeErrors {
    private static final int MAX_CAUSES = 5;

    private SafeErrors() {
    }

    static String describe(Throwable error) {
        StringBuilder b = new StringBuilder();
        Throwable t = error;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (i > 0) {
                b.append(" caused by ");
            }
            b.append(t.getClass().getSimpleName());
            boolean safeMessage = t instanceof IOException && !(t instanceof NotSslRecordException) && t.getMessage() != null;
            if (safeMessage) {
                b.append(": ").append(t.getMessage());
            }
        }
        return b.toString();
    }
}
