package io.tatekae.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Shows each framed message written to a connection to a {@link FrameTap}, on the event loop (so
 * the decision thread, which hands whole batches to Netty, does no work for it). Keep-alives
 * (empty frames) are not shown. The written bytes pass on unchanged.
 */
final class OutboundTap extends ChannelOutboundHandlerAdapter {
    private final long connectionId;
    private final FrameTap tap;

    OutboundTap(long connectionId, FrameTap tap) {
        this.connectionId = connectionId;
        this.tap = tap;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf buf) {
            int at = buf.readerIndex();
            int end = buf.writerIndex();
            while (end - at >= Framing.HEADER_BYTES) {
                int length = buf.getUnsignedShort(at);
                if (at + Framing.HEADER_BYTES + length > end) {
                    break;
                }
                if (length > 0) {
                    tap.outbound(connectionId, buf, at + Framing.HEADER_BYTES, length);
                }
                at += Framing.HEADER_BYTES + length;
            }
        }
        super.write(ctx, msg, promise);
    }
}
