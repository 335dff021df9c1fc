package io.tatekae.net;

import io.tatekae.config.ServerConfig;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The TCP listener for network links: one Netty I/O thread, one {@link FrameHandler} per connection. */
public final class IsoServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IsoServer.class.getName());

    private final ServerConfig limits;
    private final NetStats stats;
    private final RequestSink sink;
    private final Supplier<Rejector> rejectors;
    private final SslContext tls;
    private final FrameTap tap;
    private final AtomicLong ids = new AtomicLong();
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean reading = true;
    private EventLoopGroup boss;
    private final EventLoopGroup workers;
    private Channel listener;

    /** @param rejectors makes one rejector per connection (each owns scratch buffers for its I/O thread) */
    public IsoServer(ServerConfig limits, NetStats stats, RequestSink sink, Supplier<Rejector> rejectors) {
        this(limits, stats, sink, rejectors, FrameTap.NONE);
    }

    /** @param tap sees every message in and out (the traffic recorder), or {@link FrameTap#NONE} */
    public IsoServer(ServerConfig limits, NetStats stats, RequestSink sink, Supplier<Rejector> rejectors,
                     FrameTap tap) {
        this(limits, stats, sink, rejectors, tap, newIoThread());
    }

    /**
     * @param ioThread the one event loop that reads and writes every connection (in run-to-completion
     *                 mode also the decision thread); this server shuts it down when it closes
     */
    public IsoServer(ServerConfig limits, NetStats stats, RequestSink sink, Supplier<Rejector> rejectors,
                     FrameTap tap, EventLoopGroup ioThread) {
        this.workers = ioThread;
        this.tap = tap;
        this.limits = limits;
        this.stats = stats;
        this.sink = sink;
        this.rejectors = rejectors;
        this.tls = TlsContexts.server(limits.tls());
    }

    public void start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tatekae-accept"), ioHandlers());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.writeBufferLowWaterMark(), limits.writeBufferHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        listener = b.bind(limits.host(), limits.port()).sync().channel();
        LOG.log(System.Logger.Level.INFO, () -> "ISO 8583 listener on " + listener.localAddress()
                + (tls == null ? " (plain TCP" : " (TLS, client certificates " + limits.tls().clientAuth())
                + (Epoll.isAvailable() ? ", native epoll)" : ", JDK selector: " + Epoll.unavailabilityCause() + ")"));
    }

    private void accept(SocketChannel ch) {
        if (stats.openConnections.incrementAndGet() > limits.maxConnections()) {
            stats.openConnections.decrementAndGet();
            stats.connectionsRefused.increment();
            long refused = stats.connectionsRefused.sum();
            // A flood of connections must not become a flood of log lines: the 1st, 2nd, 4th, 8th... refusal.
            if (Long.bitCount(refused) == 1) {
                LOG.log(System.Logger.Level.WARNING, () -> "refusing " + ch.remoteAddress() + ": "
                        + limits.maxConnections() + " connections already open (" + refused + " refused so far)");
            }
            ch.close();
            return;
        }
        stats.connectionsAccepted.increment();
        open.add(ch);
        Connection connection = new Connection(ids.incrementAndGet(), ch, stats.inFlight);
        ch.closeFuture().addListener(f -> stats.openConnections.decrementAndGet());
        if (tls != null) {
            SslHandler ssl = tls.newHandler(ch.alloc());
            ssl.setHandshakeTimeoutMillis(limits.frameDeadlineMillis());
            ch.pipeline().addLast("tls", ssl).addLast("tls-events", new TlsEvents(stats));
        }
        ch.pipeline().addLast("idle", new IdleStateHandler(limits.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        if (tap != FrameTap.NONE) {
            // Between TLS and the frame handler: sees plain frames, both the decision thread's
            // batches and the answers the frame handler writes itself.
            ch.pipeline().addLast("tap-out", new OutboundTap(connection.id(), tap));
        }
        ch.pipeline()
                .addLast("frames", new FrameHandler(connection, sink, new LazyRejector(rejectors), limits, stats, () -> reading, tap))
                .addLast("tail", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
    }

    /** The single network I/O thread: one event loop for every connection. */
    public static EventLoopGroup newIoThread() {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tatekae-io"), ioHandlers());
    }

    /**
     * Linux's native epoll where Netty's native library loads: the JDK selector allocates an Integer
     * per ready socket and slices a ByteBuffer per read and write, epoll neither. The JDK selector elsewhere.
     */
    private static IoHandlerFactory ioHandlers() {
        return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting new connections; existing ones stay open. */
    public void stopAccepting() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    /**
     * Stops reading from every connection (for a graceful stop): requests already read are still
     * answered, nothing new is taken in. Writing goes on.
     */
    public void stopReading() {
        reading = false;
        for (Channel ch : open) {
            ch.eventLoop().execute(() -> ch.config().setAutoRead(false));
        }
    }

    @Override
    public void close() {
        stopAccepting();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
