package io.tatekae.pipeline;

import io.tatekae.engine.AuthRequest;
import io.tatekae.engine.Authorizer;
import io.tatekae.engine.Decision;
import io.tatekae.engine.Outcome;
import io.tatekae.iso.FormatError;
import io.tatekae.iso.InboundDecoder;
import io.tatekae.iso.IsoFields;
import io.tatekae.net.NetStats;

/**
 * Decides what kind of answer an event gets before the engine sees it: format errors, network
 * management and per-connection sign-on (profile §3), responses sent to us (dropped).
 */
final class RequestRouter {
    static final int SIGN_ON = 1;
    static final int SIGN_OFF = 2;
    static final int ECHO = 301;

    private final Authorizer authorizer;
    private final NetStats stats;

    RequestRouter(Authorizer authorizer, NetStats stats) {
        this.authorizer = authorizer;
        this.stats = stats;
    }

    void route(RingEvent e) {
        Decision d = e.decision;
        d.clear();
        IsoFields f = e.fields;
        if (f.error() != FormatError.NONE) {
            boolean answerable = f.mti() >= 0 && InboundDecoder.isRequestMti(f.mti()) && f.has(11);
            d.respond = answerable;
            // A well-formed request with an MTI the profile does not serve is "unsupported" (12), not 30.
            d.set(f.error() == FormatError.BAD_MTI ? Outcome.UNSUPPORTED_TRANSACTION : Outcome.FORMAT_ERROR);
            if (!answerable) {
                stats.unanswerable.increment();
            }
            return;
        }
        AuthRequest r = e.request;
        if (!InboundDecoder.isRequestMti(r.mti)) {
            d.respond = false;
            stats.unanswerable.increment();
            return;
        }
        switch (r.kind) {
            case NETWORK_MANAGEMENT -> networkManagement(e);
            case UNSUPPORTED -> d.set(Outcome.UNSUPPORTED_TRANSACTION);
            default -> {
                if (!e.connection.signedOn()) {
                    d.set(Outcome.UNAVAILABLE);
                } else {
                    authorizer.decide(r, d);
                }
            }
        }
    }

    private static void networkManagement(RingEvent e) {
        Decision d = e.decision;
        switch (e.request.networkCode) {
            case SIGN_ON -> {
                e.connection.signedOn(true);
                d.set(Outcome.APPROVED);
            }
            case SIGN_OFF -> {
                e.connection.signedOn(false);
                d.set(Outcome.APPROVED);
            }
            case ECHO -> d.set(Outcome.APPROVED);
            default -> d.set(Outcome.UNSUPPORTED_TRANSACTION);
        }
    }

    void onTick() {
        authorizer.onTick();
    }

    boolean endOfBatch() {
        return authorizer.endOfBatch();
    }

    void batchFailed() {
        authorizer.batchFailed();
    }
}
