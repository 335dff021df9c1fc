package io.tatekae.net;

import io.tatekae.testsupport.IsoTestClient;
import org.jpos.iso.ISOMsg;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/** Byte-level helpers for the transport tests: frames, pipelined exchanges, DE 48 tags, polling. */
final class Wire {
    static final byte[] KEEP_ALIVE = {0, 0, 0, 0};

    private Wire() {
    }

    /** The message with a correct profile §1 header in front. */
    static byte[] frame(byte[] message) {
        byte[] f = new byte[4 + message.length];
        f[0] = (byte) (message.length >>> 8);
        f[1] = (byte) message.length;
        System.arraycopy(message, 0, f, 4, message.length);
        return f;
    }

    static byte[] frame(ISOMsg m) {
        return frame(IsoTestClient.pack(m));
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** DE 48 TLV subelements by tag; fails on a structure that does not add up. */
    static Map<String, String> tags(String de48) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (de48 == null) {
            return tags;
        }
        int i = 0;
        while (i < de48.length()) {
            String tag = de48.substring(i, i + 2);
            int len = Integer.parseInt(de48.substring(i + 2, i + 4));
            tags.put(tag, de48.substring(i + 4, i + 4 + len));
            i += 4 + len;
        }
        return tags;
    }

    /**
     * Writes all frames back to back from this thread while another thread reads: returns every
     * response that arrived until {@code expected} were read or the socket went quiet for 10 s.
     */
    static List<ISOMsg> exchange(IsoTestClient c, List<byte[]> frames, int expected) throws InterruptedException {
        List<ISOMsg> responses = new ArrayList<>(expected);
        c.setTimeout(10_000);
        Thread reader = Thread.ofPlatform().name("test-reader").start(() -> {
            try {
                while (responses.size() < expected) {
                    byte[] m = c.receiveFrame();
                    synchronized (responses) {
                        responses.add(IsoTestClient.unpack(m));
                    }
                }
            } catch (UncheckedIOException quietOrClosed) {
                // fewer than expected: the caller's assertions say so
            }
        });
        c.sendRaw(concat(frames));
        reader.join();
        synchronized (responses) {
            return new ArrayList<>(responses);
        }
    }

    /** True when no further frame arrives within the given time. */
    static boolean nothingMoreWithin(IsoTestClient c, int millis) {
        c.setTimeout(millis);
        try {
            c.receiveFrame();
            return false;
        } catch (UncheckedIOException e) {
            return e.getCause() instanceof SocketTimeoutException;
        } finally {
            c.setTimeout(IsoTestClient.DEFAULT_TIMEOUT_MILLIS);
        }
    }

    /** Responses keyed by DE 11; fails when a STAN was answered more than once. */
    static Map<String, ISOMsg> byStan(List<ISOMsg> responses) {
        Map<String, ISOMsg> m = new HashMap<>();
        for (ISOMsg r : responses) {
            ISOMsg before = m.put(r.getString(11), r);
            if (before != null) {
                throw new AssertionError("STAN " + r.getString(11) + " answered twice");
            }
        }
        return m;
    }

    /** Polls a condition that another thread makes true; a hang guard, not a timing assertion. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    static long count(LongAdder a) {
        return a.sum();
    }
}
