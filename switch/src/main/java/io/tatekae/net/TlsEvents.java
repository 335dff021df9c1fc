package io.tatekae.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/** Counts and closes failed TLS handshakes (no certificate, an untrusted one, plain TCP on the TLS port). */
final class TlsEvents extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(TlsEvents.class.getName());

    private final NetStats stats;

    TlsEvents(NetStats stats) {
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            stats.tlsHandshakeFailures.increment();
            LOG.log(System.Logger.Level.WARNING, () -> "TLS handshake with " + ctx.channel().remoteAddress()
                    + " failed (" + SafeErrors.describe(done.cause()) + "); closing");
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }
}
