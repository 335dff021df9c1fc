package io.tatekae.net;

import io.tatekae.config.ServerConfig;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Splits the byte stream into profile §1 frames and hands each message to the ring. Keep-alives
 * are answered here; a bad header or an oversize frame closes this connection only; a frame that
 * has started must complete within the frame deadline. Requests the switch cannot take in (ring
 * full, too many in flight on this connection) are answered 91 here, never dropped.
 */
final class FrameHandler extends ByteToMessageDecoder {
    private static final System.Logger LOG = System.getLogger(FrameHandler.class.getName());

    private final Connection connection;
    private final RequestSink sink;
    private final Rejector rejector;
    private final ServerConfig limits;
    private final NetStats stats;
    private final BooleanSupplier serverReading;
    private final FrameTap tap;
    private long partialSinceNanos;
    private ScheduledFuture<?> deadlineCheck;

    FrameHandler(Connection connection, RequestSink sink, Rejector rejector, ServerConfig limits, NetStats stats,
                 BooleanSupplier serverReading) {
        this(connection, sink, rejector, limits, stats, serverReading, FrameTap.NONE);
    }

    /** @param tap sees each message taken in (the recorder), or {@link FrameTap#NONE} */
    FrameHandler(Connection connection, RequestSink sink, Rejector rejector, ServerConfig limits, NetStats stats,
                 BooleanSupplier serverReading, FrameTap tap) {
        this.serverReading = serverReading;
        this.tap = tap;
        this.connection = connection;
        this.sink = sink;
        this.rejector = rejector;
        this.limits = limits;
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long period = Math.max(10, limits.frameDeadlineMillis() / 4);
        deadlineCheck = ctx.executor().scheduleAtFixedRate(() -> checkFrameDeadline(ctx), period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadlineCheck != null) {
            deadlineCheck.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean frameEnded = false;
        while (in.readableBytes() >= Framing.HEADER_BYTES) {
            int start = in.readerIndex();
            int length = in.getUnsignedShort(start);
            if (in.getUnsignedShort(start + 2) != 0) {
                violation(ctx, in, stats.badHeaders, "non-zero header bytes 3-4");
                return;
            }
            if (length > Framing.MAX_MESSAGE_BYTES) {
                violation(ctx, in, stats.oversizeFrames, "frame of " + length + " bytes over the " + Framing.MAX_MESSAGE_BYTES + " limit");
                return;
            }
            if (length == 0) {
                in.skipBytes(Framing.HEADER_BYTES);
                stats.keepAlives.increment();
                ctx.write(ctx.alloc().ioBuffer(Framing.HEADER_BYTES).writeZero(Framing.HEADER_BYTES));
                frameEnded = true;
                continue;
            }
            if (in.readableBytes() < Framing.HEADER_BYTES + length) {
                break;
            }
            in.skipBytes(Framing.HEADER_BYTES);
            stats.framesReceived.increment();
            dispatch(ctx, in, length);
            in.skipBytes(length);
            frameEnded = true;
        }
        // The deadline is per frame: the clock starts when the bytes of the frame now in progress
        // began to arrive, not when the stream last happened to end on a frame boundary.
        if (!in.isReadable()) {
            partialSinceNanos = 0;
        } else if (frameEnded || partialSinceNanos == 0) {
            partialSinceNanos = System.nanoTime();
        }
    }

    private void dispatch(ChannelHandlerContext ctx, ByteBuf in, int length) {
        long now = System.nanoTime();
        if (tap != FrameTap.NONE) {
            tap.inbound(connection.id(), in, in.readerIndex(), length);
        }
        if (!connection.tryAcquire(limits.maxInFlightPerConnection())) {
            stats.inFlightRejects.increment();
            rejectHere(ctx, in, length);
            return;
        }
        if (!sink.offer(connection, in, length, now)) {
            connection.release();
            stats.ringFullRejects.increment();
            rejectHere(ctx, in, length);
        }
    }

    private void rejectHere(ChannelHandlerContext ctx, ByteBuf in, int length) {
        ByteBuf out = ctx.alloc().ioBuffer(512);
        if (rejector.reject(in, length, out)) {
            ctx.write(out);
        } else {
            out.release();
            stats.unanswerable.increment();
        }
    }

    private void violation(ChannelHandlerContext ctx, ByteBuf in, LongAdder counter, String what) {
        counter.increment();
        LOG.log(System.Logger.Level.WARNING, () -> connection + ": protocol violation (" + what + "); closing this connection");
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    private void checkFrameDeadline(ChannelHandlerContext ctx) {
        long since = partialSinceNanos;
        if (since != 0 && !ctx.channel().config().isAutoRead()) {
            // Reading is paused because the peer is not reading its responses: the rest of the frame
            // waits on us, so its deadline starts again when reading resumes.
            partialSinceNanos = System.nanoTime();
            return;
        }
        if (since != 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(limits.frameDeadlineMillis())) {
            stats.frameDeadlineCloses.increment();
            LOG.log(System.Logger.Level.WARNING, () -> connection + ": a frame did not complete within " + limits.frameDeadlineMillis() + " ms; closing");
            partialSinceNanos = 0;
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        // Not super: ByteToMessageDecoder asks for another read whenever a read passed nothing down
        // the pipeline and auto-read is off. Frames go to the ring, never down the pipeline, so that
        // would keep reading from a peer paused for not reading its responses.
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            stats.idleCloses.increment();
            LOG.log(System.Logger.Level.INFO, () -> connection + ": idle for " + limits.idleTimeoutSeconds() + " s; closing");
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        // A peer that does not read its responses stops being read from, so it cannot pile up memory.
        boolean writable = ctx.channel().isWritable();
        if (!writable) {
            stats.writabilityPauses.increment();
        }
        ctx.channel().config().setAutoRead(writable && serverReading.getAsBoolean());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.connectionErrors.increment();
        LOG.log(System.Logger.Level.INFO, () -> connection + ": closing after " + SafeErrors.describe(cause));
        ctx.close();
    }
}
