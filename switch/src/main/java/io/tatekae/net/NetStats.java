package io.tatekae.net;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the transport counts; read by metrics and tests. */
public final class NetStats {
    public final AtomicInteger openConnections = new AtomicInteger();
    /** Requests in flight over every connection (taken and given back with each connection's own count). */
    public final AtomicInteger inFlight = new AtomicInteger();
    public final LongAdder connectionsAccepted = new LongAdder();
    public final LongAdder connectionsRefused = new LongAdder();
    public final LongAdder oversizeFrames = new LongAdder();
    public final LongAdder badHeaders = new LongAdder();
    public final LongAdder frameDeadlineCloses = new LongAdder();
    public final LongAdder idleCloses = new LongAdder();
    public final LongAdder keepAlives = new LongAdder();
    public final LongAdder framesReceived = new LongAdder();
    public final LongAdder ringFullRejects = new LongAdder();
    public final LongAdder inFlightRejects = new LongAdder();
    public final LongAdder unanswerable = new LongAdder();
    public final LongAdder writabilityPauses = new LongAdder();
    /** Connections closed after an error on them, such as a reset by the peer. */
    public final LongAdder connectionErrors = new LongAdder();
    /** TLS handshakes that failed (no or an untrusted client certificate, plain TCP on a TLS port). */
    public final LongAdder tlsHandshakeFailures = new LongAdder();
}
